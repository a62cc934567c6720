import { pathToFileURL } from 'node:url';

const TYPESCRIPT = /\.[mc]?ts$/;

/**
 * The default export of a .ts/.mjs/.js config. TypeScript goes through tsx because Node 20
 * cannot strip types itself; tsImport scopes its loader to this one import. tsx is loaded only
 * for a TypeScript file: it costs about 140 ms of CPU, which a YAML or JavaScript config need not pay.
 */
export async function importDefault(file: string): Promise<{ found: true; value: unknown } | { found: false }> {
  const url = pathToFileURL(file).href;
  const mod = (TYPESCRIPT.test(file) ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url) : await import(url)) as Record<string, unknown>;
  if (!('default' in mod)) return { found: false };
  // Outside a "type": "module" package tsx compiles a .ts file to CommonJS, and importing that
  // wraps the transpiled module once more: the config is then default.default.
  const outer = mod.default as { __esModule?: boolean; default?: unknown } | undefined;
  if (outer?.__esModule) return 'default' in outer ? { found: true, value: outer.default } : { found: false };
  return { found: true, value: outer };
}
