import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { AuthfaultError, issuesFromZod } from '../../mock-provider/common.js';
import { displayPath } from '../util/display-path.js';
import { invalidInput, sortIssues, throwIfIssues, type Issue } from '../util/issues.js';
import { unpositionedSource, type ParsedSource } from '../util/parsed-source.js';
import { parseYaml } from '../util/yaml-source.js';
import { importDefault } from './import-module.js';
import { configChecks } from './checks.js';
import { placeholderIssuesIn } from './placeholders.js';
import { resolveConfig } from './resolve.js';
import { targetConfigSchema } from './schema.js';
import type { TargetConfig } from './types.js';

const DATA_FILES = ['.yaml', '.yml', '.json'];
const MODULE_FILES = ['.ts', '.mts', '.mjs', '.js'];

/**
 * Load, validate and resolve a target config: every check a run depends on, so `authfault
 * validate` and `authfault run` accept exactly the same configs. Throws AUTHFAULT_CONFIG_NOT_FOUND
 * when there is no such file, and AUTHFAULT_CONFIG_INVALID with every issue at once: positioned
 * for YAML and JSON; for a module config, which has no source positions to offer, at 1:1 with the path.
 */
export async function loadConfig(file: string, cwd: string = process.cwd()): Promise<TargetConfig> {
  const path = resolve(cwd, file);
  const shown = displayPath(path, cwd);
  if (!existsSync(path)) {
    throw new AuthfaultError('AUTHFAULT_CONFIG_NOT_FOUND', `no target config at ${shown}; create one with \`authfault init\`, or name another with --config`);
  }
  const source = await read(path, shown);
  throwIfIssues('AUTHFAULT_CONFIG_INVALID', source.issues);

  const parsed = targetConfigSchema.safeParse(source.value);
  const placeholders = placeholderIssuesIn(source.value, shown, source.position);
  const issues = sortIssues([
    ...(parsed.success ? [] : issuesFromZod(parsed.error, targetConfigSchema, source.value).map(source.place)),
    ...placeholders,
    // Checked on the validated config, and only once its placeholders are known to fill.
    ...(parsed.success && placeholders.length === 0 ? configChecks(parsed.data, dirname(path), shown, source.position) : []),
  ]);
  if (!parsed.success || issues.length > 0) throw invalidInput('AUTHFAULT_CONFIG_INVALID', issues);
  return resolveConfig(parsed.data, path, dirname(path));
}

async function read(path: string, shown: string): Promise<ParsedSource> {
  const ext = extname(path);
  if (DATA_FILES.includes(ext)) return parseYaml(await readFile(path, 'utf8'), shown);
  if (!MODULE_FILES.includes(ext)) {
    const message = `a target config is a ${[...DATA_FILES, ...MODULE_FILES].join(', ')} file; got ${ext ? `"${ext}"` : 'no extension'}`;
    return unpositionedSource(undefined, shown, [fileIssue('UNSUPPORTED_CONFIG', shown, message)]);
  }
  try {
    const mod = await importDefault(path);
    if (!mod.found) {
      return unpositionedSource(undefined, shown, [fileIssue('NO_DEFAULT_EXPORT', shown, 'a module config must `export default` the config object')]);
    }
    return unpositionedSource(mod.value, shown);
  } catch (error) {
    return unpositionedSource(undefined, shown, [fileIssue('CONFIG_IMPORT_FAILED', shown, `importing the config failed: ${firstLine(error)}`)]);
  }
}

function fileIssue(code: string, file: string, message: string): Issue {
  return { code, file, line: 1, column: 1, path: '', message };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
