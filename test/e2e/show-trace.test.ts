import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, startCli } from '../helpers/cli.js';
import { useTempFiles } from '../harness/temp-files.js';

const NAIVE = join(ROOT, 'examples/naive-app/authfault.config.yaml');

/** `authfault show-trace` opens a failure's trace from the last run's report, without a shell command to find it (issue #12). */
describe('authfault show-trace (real CLI, real Chromium)', () => {
  const files = useTempFiles();

  it('serves the trace a failed scenario kept; a scenario without one, or no report, is exit 2 saying why', async () => {
    const dir = await files({});
    const out = join(dir, 'out');
    const run = await runCli(['run', '--config', NAIVE, '--grep', '^(state-tampered|happy-path)$', '--output', out], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);

    const viewer = startCli(['show-trace', 'state-tampered', '--output', out, '--port', '0'], { cwd: dir });
    const listening = await viewer.waitFor(/Listening on http:\/\/127\.0\.0\.1:\d+/);
    const page = await fetch(listening.match(/http:\/\/\S+/)![0]);
    expect(page.status).toBe(200);
    process.kill(viewer.pid, 'SIGINT');
    expect((await viewer.exited).stdout).toMatch(/^state-tampered: out\/artifacts\/.*\/trace\.zip$/m);

    // The only scenario with a trace is the default.
    const only = startCli(['show-trace', '--output', out, '--port', '0'], { cwd: dir });
    await only.waitFor(/Listening on http:\/\/127\.0\.0\.1:\d+/);
    process.kill(only.pid, 'SIGINT');
    expect((await only.exited).stdout).toMatch(/^state-tampered: /m);

    const none = await runCli(['show-trace', 'happy-path', '--output', out], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('happy-path kept no trace in the last run: its verdict was pass');
    expect(none.stderr).toContain('Scenarios with a trace: state-tampered');
    const typo = await runCli(['show-trace', 'state-tamperd', '--output', out], { cwd: dir });
    expect(typo.stderr).toContain('no scenario "state-tamperd" in the last run (out/report.json); did you mean "state-tampered"? [AUTHFAULT_NO_TRACE]');
    const noReport = await runCli(['show-trace', '--output', join(dir, 'never')], { cwd: dir });
    expect(noReport.code).toBe(2);
    expect(noReport.stderr).toContain('[AUTHFAULT_REPORT_NOT_FOUND]');
  }, 240_000);
});
