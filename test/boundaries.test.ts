import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

/**
 * Who may import whom, in the spirit of Playwright's DEPS.list: mock-provider imports nothing of
 * harness/ or reports/, reports/ nothing of either, the harness reaches the provider only through
 * its entries (index.ts, common.ts), and inside harness/ every layer imports only the ones below
 * it. A layer is one or more folders of harness/.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['util'],
  ['scenario'],
  ['config'],
  ['drivers', 'browser', 'target'],
  ['steps'],
  ['verdict'],
  ['language'],
  ['runner', 'playwright'],
  ['cli', 'docs'],
];
const PROVIDER_ENTRIES = ['mock-provider/index.ts', 'mock-provider/common.ts', 'mock-provider/basics.ts', 'mock-provider/start.ts'];

/** Every import of every .ts file under `dir`, as [importing file, imported file], relative to the root. */
function imports(dir: string): [string, string][] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => {
      const file = join(dir, f);
      const source = readFileSync(join(ROOT, file), 'utf8');
      return [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m): [string, string] => [file, relative(ROOT, resolve(ROOT, dirname(file), m[1]!)).replace(/\.js$/, '.ts')]);
    });
}

const layerOf = (file: string) => LAYERS.findIndex((folders) => folders.includes(file.split('/')[1]!));

describe('import boundaries', () => {
  it('mock-provider imports nothing from harness/ or reports/; reports/ nothing from harness/ or mock-provider/', () => {
    expect(imports('mock-provider').filter(([, to]) => /^(harness|reports)\//.test(to))).toEqual([]);
    expect(imports('reports').filter(([, to]) => /^(harness|mock-provider)\//.test(to))).toEqual([]);
  });

  it('the harness reaches the provider only through its entries, and every layer only the layers below it', () => {
    const harness = imports('harness');
    expect(harness.filter(([, to]) => to.startsWith('mock-provider/') && !PROVIDER_ENTRIES.includes(to))).toEqual([]);
    expect(harness.filter(([from]) => layerOf(from) === -1).map(([from]) => `${from}: a folder no layer names`)).toEqual([]);
    expect(harness.filter(([from, to]) => to.startsWith('harness/') && layerOf(to) > layerOf(from)).map(([from, to]) => `${from} -> ${to}`)).toEqual([]);
  });
});

describe('errors/', () => {
  it('imports nothing of the project: every layer may import the catalogue of error codes', () => {
    expect(imports('errors')).toEqual([]);
  });
});

describe('inside mock-provider', () => {
  const provider = imports('mock-provider');
  const folderOf = (file: string) => file.split('/').slice(0, -1).slice(0, 2).join('/');

  it('has no import circle, type imports included', () => {
    const next = new Map<string, string[]>();
    for (const [from, to] of provider) next.set(from, [...(next.get(from) ?? []), to]);
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') return void circles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
      state.set(file, 'open');
      for (const to of next.get(file) ?? []) visit(to, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of next.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('has no two folders that import each other', () => {
    const pairs = new Set(provider.map(([from, to]) => [folderOf(from), folderOf(to)]).filter(([a, b]) => a !== b && a !== 'mock-provider' && b !== 'mock-provider').map(([a, b]) => `${a} -> ${b}`));
    expect([...pairs].filter((p) => pairs.has(p.split(' -> ').reverse().join(' -> ')))).toEqual([]);
  });

  /** The files and packages an entry loads at once, through every file it imports (value imports only: `import type` is erased, so it loads nothing; `import()` loads later). */
  const loadedBy = (entry: string): { files: Set<string>; packages: string[] } => {
    const packages = new Set<string>();
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/^(?:import|export)(?!\s+type\b)[^;]*?\sfrom\s+'([^']+)'/gm)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) walk(relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts'));
        else if (!spec.startsWith('node:')) packages.add(spec);
      }
    };
    walk(entry);
    return { files: seen, packages: [...packages].sort() };
  };
  const packagesOf = (entry: string): string[] => loadedBy(entry).packages;

  it('loads neither express nor oidc-provider from its light entry (common.ts), only zod and jose', () => {
    expect(packagesOf('mock-provider/common.ts')).toEqual(['jose', 'zod']);
  });

  it('loads no package at all from basics.ts, where the CLI starts', () => {
    expect(packagesOf('mock-provider/basics.ts')).toEqual([]);
  });

  it('starts a provider (start.ts, what authfault idp imports) without the fault registry: it loads once a fault is set or the kinds are asked for', () => {
    expect([...loadedBy('mock-provider/start.ts').files].filter((f) => f === 'mock-provider/faults/registry.ts' || f.startsWith('mock-provider/faults/kinds/'))).toEqual([]);
  });
});
