import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The provider's layering, held by a test (Playwright's DEPS.list in spirit): it imports nothing
 * from harness/ or reports/, no import runs in a circle (types included), no two of its folders
 * import each other, its light entry never loads the server, and the harness reaches it only
 * through its two entries.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

interface Edge {
  to: string;
  typeOnly: boolean;
}

function graphOf(folder: string): Map<string, Edge[]> {
  const graph = new Map<string, Edge[]>();
  const files = readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files.map((f) => join(folder, f))) {
    const edges = [...readFileSync(join(ROOT, file), 'utf8').matchAll(IMPORT)].map((m) => {
      const spec = m[2] ?? m[3]!;
      const to = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec.replace(/\.js$/, '.ts'))) : spec;
      return { to, typeOnly: Boolean(m[1]) };
    });
    graph.set(file, edges);
  }
  return graph;
}

const provider = graphOf('mock-provider');
const folderOf = (file: string) => file.split('/').slice(0, -1).slice(0, 2).join('/');

describe('mock-provider boundaries', () => {
  it('imports nothing from harness/ or reports/', () => {
    const outside = [...provider].flatMap(([file, edges]) => edges.filter((e) => /^(harness|reports)\//.test(e.to)).map((e) => `${file} → ${e.to}`));
    expect(outside).toEqual([]);
  });

  it('has no import circle, type imports included', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') return void circles.push([...path.slice(path.indexOf(file)), file].join(' → '));
      state.set(file, 'open');
      for (const e of provider.get(file) ?? []) if (provider.has(e.to)) visit(e.to, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of provider.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('has no two folders that import each other', () => {
    const pairs = new Set<string>();
    for (const [file, edges] of provider) {
      for (const e of edges) {
        const [a, b] = [folderOf(file), folderOf(e.to)];
        if (provider.has(e.to) && a !== b && a !== 'mock-provider' && b !== 'mock-provider') pairs.add(`${a} → ${b}`);
      }
    }
    const both = [...pairs].filter((p) => pairs.has(p.split(' → ').reverse().join(' → ')));
    expect(both).toEqual([]);
  });

  it('loads neither express nor oidc-provider from its light entry (common.ts)', () => {
    const loaded = new Set<string>();
    const walk = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const e of provider.get(file) ?? []) if (!e.typeOnly) walk(e.to);
    };
    walk('mock-provider/common.ts');
    expect([...loaded].filter((m) => !provider.has(m) && !m.startsWith('node:'))).toEqual(['zod', 'jose']);
  });

  it('is reached by the harness through index.ts (the server) or common.ts (the rest) only', () => {
    const deep = [...graphOf('harness')].flatMap(([file, edges]) =>
      edges.filter((e) => e.to.startsWith('mock-provider/') && e.to !== 'mock-provider/index.ts' && e.to !== 'mock-provider/common.ts').map((e) => `${file} → ${e.to}`),
    );
    expect(deep).toEqual([]);
  });
});
