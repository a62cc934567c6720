import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { redirectUriProblem } from '../../mock-provider/basics.js';
import type { Issue, Path } from '../util/issues.js';
import { fillTemplated } from './placeholders.js';
import type { targetConfigSchema } from './schema.js';

type Position = (path: Path) => { line: number; column: number };

/** Stand-ins for the values a run fills, so a templated URI can be checked as the URL it becomes. */
const SAMPLE_VALUES = { port: '41000', app: 'http://127.0.0.1:41000' };

/**
 * What the schema cannot see but a run would meet later, far from where it is written: a redirect
 * URI that is not one once filled, a target folder or a scenario path that does not exist. Checked
 * when the config is loaded — by `authfault validate` and `authfault run` alike — each at its
 * value's line and column.
 */
export function configChecks(config: z.output<typeof targetConfigSchema>, dir: string, file: string, position: Position): Issue[] {
  const issues: Issue[] = [];
  const issue = (path: Path, code: string, message: string) => issues.push({ code, file, ...position(path), path: path.join('.'), message });

  const filled = fillTemplated(config.provider ?? {}, ['provider'], SAMPLE_VALUES, file);
  filled.clients?.forEach((client, i) => {
    for (const key of ['redirect_uris', 'post_logout_redirect_uris'] as const) {
      client[key]?.forEach((uri, j) => {
        const written = config.provider!.clients![i]![key]![j]!;
        const problem = redirectUriProblem(uri);
        if (problem) issue(['provider', 'clients', i, key, j], 'INVALID_REDIRECT_URI', `"${written}"${written === uri ? '' : ` (filled: "${uri}")`} ${problem}`);
      });
    }
  });

  const cwd = config.target.cwd;
  if (cwd !== undefined && !existsSync(resolve(dir, cwd))) {
    issue(['target', 'cwd'], 'PATH_NOT_FOUND', `no folder "${cwd}" (resolved from this file's folder to ${resolve(dir, cwd)}); the command would not start`);
  }
  config.scenarios?.forEach((path, i) => {
    if (!existsSync(resolve(dir, path))) issue(['scenarios', i], 'PATH_NOT_FOUND', `no file or folder "${path}" (resolved from this file's folder to ${resolve(dir, path)})`);
  });
  return issues;
}
