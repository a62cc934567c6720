import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HTML_REPORT_FILE } from '../../../reports/index.js';
import { EXIT } from '../../../errors/codes.js';
import { usageError } from '../../util/usage-error.js';
import { CLI_DEFAULTS } from '../defaults.js';

/**
 * `authfault show-report [dir]`: prints where the HTML report is and, when a person is at a
 * screen, opens it in their browser. Opening is best effort: on a server, in CI or in a container
 * there is nothing to open it on, and the printed path is the answer.
 */
export async function showReportCommand(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const target = resolve(dir);
  const isFile = (await stat(target).catch(() => undefined))?.isFile();
  const file = isFile ? target : join(target, HTML_REPORT_FILE);
  if (!(await stat(file).catch(() => undefined))?.isFile()) {
    throw usageError(
      'AUTHFAULT_REPORT_NOT_FOUND',
      `no ${HTML_REPORT_FILE} in ${dir}; write one with \`authfault run --reporter ${CLI_DEFAULTS.reporters}\` (or merge-reports, which writes it by default)`,
    );
  }
  process.stdout.write(`${file}\n${pathToFileURL(file).href}\n`);
  const opener = openerFor(process.platform, env);
  if (opener) launch(opener.command, [...opener.args, file]);
  return EXIT.ok;
}

/** The desktop's own "open this file" command, or none when no display is there to show it. */
export function openerFor(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): { command: string; args: string[] } | undefined {
  if (env.CI) return undefined;
  if (platform === 'darwin') return env.SSH_CONNECTION ? undefined : { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'explorer.exe', args: [] };
  return env.DISPLAY || env.WAYLAND_DISPLAY ? { command: 'xdg-open', args: [] } : undefined;
}

/** Detached and unwatched: a missing xdg-open or a browser that fails to start is not our error. */
function launch(command: string, args: string[]): void {
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // spawn throws synchronously only for invalid arguments; the path is already printed.
  }
}
