import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/index.js';
import { ROOT, runCli, startCli } from '../helpers/cli.js';
import { commandOf, descendants, stillRunning } from '../helpers/process-tree.js';
import { lines, useTempFiles } from '../harness/temp-files.js';

const scenario = (id: string, ...steps: string[]) =>
  lines(`id: ${id}`, `title: ${id}`, 'category: oauth-flow', 'severity: must', 'steps:', '  - login: alice', ...steps, 'expect:', '  app: signed-in');

/**
 * A quick scenario first, then three that wait long enough for a signal to land in the middle of
 * one. The runs below pass --shard 1/1, which keeps the files' order (workers otherwise take the
 * longest scenarios first, docs/ci.md): the quick one's pass says the run is under way.
 */
const SUITE = {
  'suite/a-quick.yaml': scenario('a-quick'),
  'suite/b-waits.yaml': scenario('b-waits', '  - wait: { seconds: 30 }'),
  'suite/c-waits.yaml': scenario('c-waits', '  - wait: { seconds: 30 }'),
  'suite/d-waits.yaml': scenario('d-waits', '  - wait: { seconds: 30 }'),
};
const CAREFUL = join(ROOT, 'examples/careful-app/authfault.config.yaml');

/**
 * A run owns its output folder while it runs (issue #15): two runs into one folder replaced each
 * other's manifest, and one app's scenarios were judged against the other's target.
 */
describe('authfault run owns its output folder (real CLI)', () => {
  const files = useTempFiles();

  it('a folder a live run holds is refused with exit 2, naming that run, and left as it was', async () => {
    const lock = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' });
    const dir = await files({ 'suite/a-quick.yaml': scenario('a-quick'), 'out/.run/lock.json': lock, 'out/report.json': '{"kept":true}' });
    const result = await runCli(['run', '--config', CAREFUL, '--driver', 'http', '--output', join(dir, 'out'), join(dir, 'suite')], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `authfault: another authfault run (pid ${process.pid}, started 2026-01-01T00:00:00.000Z) is writing to out/; two runs in one folder would read each other's scenarios and overwrite each other's reports. Wait for it to end, or give this run its own folder: --output <dir> [AUTHFAULT_OUTPUT_LOCKED]\n`,
    );
    expect(await readFile(join(dir, 'out/.run/lock.json'), 'utf8')).toBe(lock);
    expect(await readFile(join(dir, 'out/report.json'), 'utf8')).toBe('{"kept":true}');
  }, 60_000);

  it('a folder held from another host is refused too: its process cannot be looked up from here', async () => {
    const lock = JSON.stringify({ pid: 1, host: `not-${hostname()}`, startedAt: '2026-01-01T00:00:00.000Z' });
    const dir = await files({ 'suite/a-quick.yaml': scenario('a-quick'), 'out/.run/lock.json': lock });
    const result = await runCli(['run', '--config', CAREFUL, '--driver', 'http', '--output', join(dir, 'out'), join(dir, 'suite')], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`an authfault run on not-${hostname()} (pid 1, started 2026-01-01T00:00:00.000Z) holds out/;`);
    expect(result.stderr).toContain('(if that run is gone, delete out/.run/lock.json) [AUTHFAULT_OUTPUT_LOCKED]');
  }, 60_000);

  it('a lock left by a run that is gone (killed with SIGKILL) is taken over, and given up when the run ends', async () => {
    const dir = await files({ 'suite/a-quick.yaml': scenario('a-quick'), 'out/.run/lock.json': JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }) });
    const result = await runCli(['run', '--config', CAREFUL, '--driver', 'http', '--output', join(dir, 'out'), join(dir, 'suite')], { cwd: dir, timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(await readdir(join(dir, 'out/.run'))).not.toContain('lock.json');
  }, 150_000);
});

/**
 * A run stops cleanly, whoever stops it (issue #15): SIGINT or SIGTERM sent to the CLI's process
 * alone — as `timeout`, `docker stop` or a supervisor send them — stops the whole run, waits for
 * it, and leaves no process and no temporary file behind; the report says it was interrupted and
 * keeps what finished. A run owns its output folder while it runs.
 */
describe('authfault run stops cleanly on SIGINT and SIGTERM to its PID (real CLI, Chromium, careful-app over HTTPS)', () => {
  const files = useTempFiles();
  const tmpDirs: string[] = [];
  afterAll(async () => {
    await Promise.all(tmpDirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s: exit %i, 0 processes left, temp files gone, the report marked interrupted with what finished', async (signal, status) => {
    const dir = await files(SUITE);
    const out = join(dir, 'out');
    // The run's TMPDIR: the provider's CA file and Chromium's profile go under it.
    const tmp = await mkdtemp(join(tmpdir(), 'authfault-signal-tmp-'));
    tmpDirs.push(tmp);
    const env = { TMPDIR: tmp };
    const run = startCli(['run', '--config', CAREFUL, '--workers', '1', '--shard', '1/1', '--output', out, join(dir, 'suite')], { cwd: dir, env });
    await run.waitFor(/pass .*a-quick/);
    const tree = descendants(run.pid);
    // The CLI, Playwright's runner, its worker, the app (and its shell) and Chromium's processes.
    expect(tree.length).toBeGreaterThanOrEqual(5);
    expect((await readdir(tmp)).some((f) => f.startsWith('authfault-run-'))).toBe(true);

    if (signal === 'SIGTERM') {
      // Meanwhile the folder is this run's: a second run is refused, naming the first.
      const second = await runCli(['run', '--config', CAREFUL, '--output', out, join(dir, 'suite')], { cwd: dir, env });
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`another authfault run (pid ${run.pid}, started `);
      expect(second.stderr).toContain('[AUTHFAULT_OUTPUT_LOCKED]');
    }

    process.kill(run.pid, signal);
    const result = await run.exited;
    expect(result.code, result.stderr).toBe(status);
    const left = stillRunning(tree);
    expect(left.map((pid) => `${pid} ${commandOf(pid)}`)).toEqual([]);
    expect(await readdir(tmp)).toEqual([]);

    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report.scenarios.map((s) => [s.id, s.verdict])).toEqual([['a-quick', 'pass']]);
    expect(report.run.interrupted).toEqual({ reason: signal, notRun: ['b-waits', 'c-waits', 'd-waits'] });
    expect(result.stdout).toContain(`Interrupted (${signal}): 3 scenarios not run`);
    // The folder is free again.
    expect(await readdir(join(out, '.run'))).not.toContain('lock.json');
  }, 240_000);

  it('SIGKILL to the CLI: Playwright\'s runner sees its pipe close and interrupts the run, so nothing runs on unwatched', async () => {
    const dir = await files(SUITE);
    // The run's own temporary folder stays behind: nothing is left to remove it once the CLI is killed.
    const tmp = await mkdtemp(join(tmpdir(), 'authfault-signal-tmp-'));
    tmpDirs.push(tmp);
    const run = startCli(['run', '--config', CAREFUL, '--workers', '1', '--shard', '1/1', '--output', join(dir, 'out'), join(dir, 'suite')], { cwd: dir, env: { TMPDIR: tmp } });
    await run.waitFor(/pass .*a-quick/);
    const tree = descendants(run.pid);
    expect(tree.length).toBeGreaterThanOrEqual(5);
    process.kill(run.pid, 'SIGKILL');
    await run.exited;
    // Polled, not slept: the run's processes end on their own (its workers stop apps and providers).
    const deadline = Date.now() + 60_000;
    while (stillRunning(tree).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(stillRunning(tree).map((pid) => `${pid} ${commandOf(pid)}`)).toEqual([]);
  }, 240_000);
});

/**
 * An app that does not start stops the run after its first try, with one `error` that shows what
 * the app printed; the other scenarios do not run, and no worker tries again (issue #15). A
 * retry happens only when the target config asks for one.
 */
describe('a target that does not start stops the run at once (real CLI)', () => {
  const files = useTempFiles();
  const suite = { 'suite/one.yaml': scenario('one'), 'suite/two.yaml': scenario('two'), 'suite/three.yaml': scenario('three') };
  const config = (target: string[]) =>
    lines('name: broken', 'target:', ...target, 'login:', '  url: "{app}/login"', 'signed-in:', '  text: "Signed in as"');

  async function run(dir: string, ...extra: string[]) {
    const out = join(dir, 'out');
    const result = await runCli(['run', '--config', join(dir, 'authfault.config.yaml'), '--driver', 'http', '--output', out, ...extra, join(dir, 'suite')], { cwd: dir, timeoutMs: 120_000 });
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
    const log = await readFile(join(out, 'logs', 'broken-worker-0.log'), 'utf8').catch(() => '');
    return { result, report, starts: log.split('\n').filter((l) => l === 'app starting').length };
  }

  it('an app that exits at once: one error with its last output, the rest not run, exit 3; started once, or 1 + startup_retries times', async () => {
    const exits = ['  command: node app.mjs', '  env:', '    PORT: "{port}"', '  ready: "{app}/health"'];
    const app = "console.log('app starting'); console.error('OIDC_ISSUER is not set'); process.exit(1);\n";
    const dir = await files({ ...suite, 'app.mjs': app, 'authfault.config.yaml': config(exits) });
    const { result, report, starts } = await run(dir, '--workers', '1');
    expect(result.code).toBe(3);
    expect(report.scenarios.map((s) => s.verdict)).toEqual(['error']);
    expect(report.scenarios[0]!.diagnosis!.summary).toContain('the app exited (code 1) before');
    expect(JSON.stringify(report.scenarios[0]!.diagnosis)).toContain('OIDC_ISSUER is not set');
    expect(report.run.interrupted?.notRun).toHaveLength(2);
    expect(report.run.interrupted?.reason).toMatch(/^the app did not start: the app exited \(code 1\)/);
    expect(result.stdout).toMatch(/^Stopped \(the app did not start: .*\): 2 scenarios not run$/m);
    expect(starts).toBe(1);

    const retried = await files({ ...suite, 'app.mjs': app, 'authfault.config.yaml': config([...exits, '  startup_retries: 1']) });
    expect((await run(retried, '--workers', '1')).starts).toBe(2);
  }, 240_000);

  it('an app that never becomes ready: one error after its startup timeout, the rest not run, with two workers too', async () => {
    const hangs = ['  command: node app.mjs', '  env:', '    PORT: "{port}"', '  ready: "{app}/health"', '  startup_timeout_ms: 1500'];
    const dir = await files({ ...suite, 'app.mjs': "console.log('app starting'); setInterval(() => 0, 1000);\n", 'authfault.config.yaml': config(hangs) });
    const { result, report } = await run(dir, '--workers', '2');
    expect(result.code).toBe(3);
    expect(report.scenarios.map((s) => s.verdict)).toEqual(['error']);
    expect(report.scenarios[0]!.diagnosis!.summary).toContain('the app did not become ready within 1500 ms');
    expect(report.run.interrupted?.notRun).toHaveLength(2);
  }, 240_000);

  it('an app whose port another server holds is not started, and nothing is judged on that server', async () => {
    const other = createHttpServer((_req, res) => res.end('someone else')).listen(0, '127.0.0.1');
    await new Promise((resolve) => other.once('listening', resolve));
    const port = (other.address() as AddressInfo).port;
    try {
      const fixed = ['  command: node app.mjs', '  env:', `    PORT: "${port}"`, `  ready: "http://127.0.0.1:${port}/"`];
      const dir = await files({ ...suite, 'app.mjs': "console.log('app starting');\n", 'authfault.config.yaml': config(fixed) });
      const { result, report, starts } = await run(dir, '--workers', '1');
      expect(result.code).toBe(3);
      expect(report.scenarios.map((s) => s.verdict)).toEqual(['error']);
      expect(report.scenarios[0]!.diagnosis!.summary).toContain(`something already listens at http://127.0.0.1:${port} before the app was started`);
      expect(starts).toBe(0);
    } finally {
      other.close();
    }
  }, 240_000);
});

