import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { displayPath } from '../../util/display-path.js';
import { didYouMean } from '../../../mock-provider/basics.js';
import type { RunReport } from '../../../reports/index.js';
import { playwrightCli } from '../../runner/playwright-cli.js';
import { usageError } from '../../util/usage-error.js';
import { openerFor } from './show-report.js';

export interface ShowTraceOptions {
  output: string;
  port?: string;
}

/**
 * `authfault show-trace [scenario]`: Playwright's trace viewer on the trace a failed scenario of
 * the last run kept (report.json names it), without a shell command to find it. With a display,
 * the viewer opens in a window; without one (a server, CI, a container), or with --port, it is
 * served on 127.0.0.1 and the address is printed. Runs until the viewer is closed (or Ctrl-C).
 */
export async function showTraceCommand(scenario: string | undefined, options: ShowTraceOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const cwd = process.cwd();
  const reportFile = join(resolve(options.output), 'report.json');
  let report: RunReport;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport;
  } catch {
    throw usageError('AUTHFAULT_REPORT_NOT_FOUND', `no report to find traces in: ${relative(cwd, reportFile)} ${existsSync(reportFile) ? 'is not a report authfault can read' : 'does not exist'}; run \`authfault run\` first (the json reporter is on by default), or name its folder with --output`);
  }
  const traced = report.scenarios.filter((s) => s.evidence?.trace);
  let chosen = traced[0];
  if (scenario !== undefined) {
    const found = report.scenarios.find((s) => s.id === scenario);
    if (!found) {
      const suggestion = didYouMean(scenario, report.scenarios.map((s) => s.id));
      throw usageError('AUTHFAULT_NO_TRACE', `no scenario "${scenario}" in the last run (${relative(cwd, reportFile)})${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
    }
    if (!found.evidence?.trace) {
      throw usageError(
        'AUTHFAULT_NO_TRACE',
        `${scenario} kept no trace in the last run: its verdict was ${found.verdict}, and traces are kept for fail and error (--trace on keeps every scenario's; the http driver has none)${traced.length > 0 ? `. Scenarios with a trace: ${traced.map((s) => s.id).join(', ')}` : ''}`,
      );
    }
    chosen = found;
  } else if (traced.length !== 1) {
    throw usageError(
      'AUTHFAULT_NO_TRACE',
      traced.length === 0
        ? `no scenario of the last run kept a trace (traces are kept for fail and error in the browser driver; --trace on keeps every one)`
        : `${traced.length} scenarios of the last run kept a trace; name one: ${traced.map((s) => s.id).join(', ')}`,
    );
  }
  const trace = resolve(cwd, chosen!.evidence!.trace!);
  if (!existsSync(trace)) throw usageError('AUTHFAULT_NO_TRACE', `the trace of ${chosen!.id} is gone: ${chosen!.evidence!.trace} (a later run with another --output, or the folder was cleaned)`);

  const serve = options.port !== undefined || !openerFor(process.platform, env);
  const args = [playwrightCli(), 'show-trace', ...(serve ? ['--host', '127.0.0.1', '--port', options.port ?? '0'] : []), trace];
  process.stdout.write(`${chosen!.id}: ${displayPath(trace, cwd)}${serve ? '\nServing the trace viewer (Ctrl-C to stop):\n' : '\n'}`);
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env });
    const stop = () => child.kill('SIGINT');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.once('exit', (code) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(code ?? 0);
    });
  });
}
