import { readdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { lines, useTempFiles } from '../harness/temp-files.js';

const scenario = (id: string, ...steps: string[]) =>
  lines(`id: ${id}`, `title: ${id}`, 'category: oauth-flow', 'severity: must', 'steps:', '  - login: alice', ...steps, 'expect:', '  app: signed-in');

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
