import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/index.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { useTempFiles } from '../harness/temp-files.js';

const CAREFUL = join(ROOT, 'examples/careful-app/authfault.config.yaml');
const NAIVE = join(ROOT, 'examples/naive-app/authfault.config.yaml');
const readReport = async (out: string) => JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;

/**
 * A reporter as a team would have one (allure-playwright and the like): it records what
 * Playwright hands it. Written as a package in node_modules, found by its name as Playwright finds one.
 */
const RECORDING_REPORTER = `
const { writeFileSync } = require('node:fs');
module.exports = class Recorder {
  constructor(options) { this.seen = { configDir: options.configDir, tests: [] }; }
  onTestEnd(test, result) { this.seen.tests.push({ title: test.title, status: result.status, ok: test.ok(), error: result.error?.message ?? null }); }
  onEnd(result) { this.seen.status = result.status; writeFileSync(process.env.RECORDED, JSON.stringify(this.seen)); }
};
`;

/** The same, as a file a team writes in TypeScript: type annotations Node cannot run itself. */
const TS_REPORTER = `
import { writeFileSync } from 'node:fs';
type Status = 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
export default class Recorder {
  private readonly seen: Record<string, Status> = {};
  onTestEnd(test: { title: string }, result: { status: Status }): void { this.seen[test.title.split(':')[0]!] = result.status; }
  onEnd(): void { writeFileSync(process.env.RECORDED!, JSON.stringify(this.seen)); }
}
`;

/** Playwright's runner flags, as Playwright spells them, and the reporters a team already uses (issue #12). */
describe('runner flags and reporters as Playwright has them (real CLI)', () => {
  const files = useTempFiles();

  it('--list names the scenarios that would run, after --grep and --shard, and runs none', async () => {
    const dir = await files({});
    const out = join(dir, 'out');
    const all = await runCli(['run', '--config', CAREFUL, '--grep', '^state-', '--list', '--output', out], { cwd: dir });
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toBe(
      [
        'Listing scenarios:',
        `  ${relative(dir, join(ROOT, 'scenarios/oauth-flow/state-missing.yaml'))}:2 › state-missing: ${await titleOf('oauth-flow/state-missing.yaml')}`,
        `  ${relative(dir, join(ROOT, 'scenarios/oauth-flow/state-tampered.yaml'))}:2 › state-tampered: ${await titleOf('oauth-flow/state-tampered.yaml')}`,
        'Total: 2 scenarios in 2 files',
        '',
      ].join('\n'),
    );
    expect(await readdir(out)).not.toContain('report.json');
    const shard = await runCli(['run', '--config', CAREFUL, '--grep', '^state-', '--list', '--shard', '2/2', '--output', out], { cwd: dir });
    expect(shard.stdout).toMatch(/^Total: 1 scenario in 1 file$/m);
  }, 120_000);

  it('--pass-with-no-tests makes a run of nothing exit 0; without it, nothing to run is exit 2', async () => {
    const dir = await files({});
    const none = await runCli(['run', '--config', CAREFUL, '--grep', '^no-such-scenario$', '--output', join(dir, 'out')], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('[AUTHFAULT_NO_MATCH]');
    const passing = await runCli(['run', '--config', CAREFUL, '--grep', '^no-such-scenario$', '--pass-with-no-tests', '--output', join(dir, 'out')], { cwd: dir });
    expect(passing.code).toBe(0);
    expect(passing.stdout).toBe('No scenarios to run (--pass-with-no-tests).\n');
  }, 60_000);

  it('--repeat-each runs every scenario n times; --retries runs an error again (a scenario over its time limit), and the report counts the retry', async () => {
    const dir = await files({});
    const repeated = await runCli(['run', '--config', CAREFUL, '--driver', 'http', '--grep', '^happy-path$', '--repeat-each', '2', '--output', join(dir, 'a')], { cwd: dir });
    expect(repeated.code, repeated.stderr).toBe(0);
    expect((await readReport(join(dir, 'a'))).scenarios.map((s) => [s.id, s.verdict])).toEqual([
      ['happy-path', 'pass'],
      ['happy-path', 'pass'],
    ]);

    const retried = await runCli(['run', '--config', CAREFUL, '--driver', 'http', '--grep', '^happy-path$', '--timeout', '1', '--retries', '1', '--output', join(dir, 'b')], { cwd: dir });
    expect(retried.code).toBe(3);
    const [scenario] = (await readReport(join(dir, 'b'))).scenarios;
    expect([scenario!.verdict, scenario!.retries]).toEqual(['error', 1]);
    expect(scenario!.diagnosis!.summary).toContain('did not finish within 1 ms');

    const bad = await runCli(['run', '--config', CAREFUL, '--retries', 'two'], { cwd: dir });
    expect(bad.stderr).toBe('authfault: --retries must be a whole number ≥ 0, got "two" [AUTHFAULT_BAD_OPTION]\n');
  }, 180_000);

  it('--last-failed reruns the last run\'s fail and error verdicts from its report; with no last run it is exit 2', async () => {
    const dir = await files({});
    const out = join(dir, 'out');
    const first = await runCli(['run', '--config', NAIVE, '--driver', 'http', '--grep', '^(state-tampered|happy-path)$', '--output', out], { cwd: dir });
    expect(first.code, first.stderr).toBe(1);
    expect((await readReport(out)).scenarios.map((s) => [s.id, s.verdict])).toEqual([
      ['happy-path', 'pass'],
      ['state-tampered', 'fail'],
    ]);
    const again = await runCli(['run', '--config', NAIVE, '--driver', 'http', '--last-failed', '--output', out], { cwd: dir });
    expect(again.code).toBe(1);
    expect((await readReport(out)).scenarios.map((s) => [s.id, s.verdict])).toEqual([['state-tampered', 'fail']]);
    const nothingBefore = await runCli(['run', '--config', NAIVE, '--last-failed', '--output', join(dir, 'never')], { cwd: dir });
    expect(nothingBefore.code).toBe(2);
    expect(nothingBefore.stderr).toContain('[AUTHFAULT_NO_LAST_RUN]');
  }, 180_000);

  it('a Playwright reporter installed in the project sees each verdict as its test’s outcome; one that is not installed is exit 2, saying how to install it', async () => {
    const dir = await files({
      'package.json': '{ "name": "team-project", "private": true }\n',
      'node_modules/recording-reporter/package.json': '{ "name": "recording-reporter", "main": "index.cjs" }\n',
      'node_modules/recording-reporter/index.cjs': RECORDING_REPORTER,
    });
    const recorded = join(dir, 'recorded.json');
    const run = await runCli(['run', '--config', NAIVE, '--driver', 'http', '--grep', '^(state-tampered|happy-path)$', '--reporter', 'list,json,recording-reporter', '--output', join(dir, 'out')], {
      cwd: dir,
      env: { RECORDED: recorded },
    });
    expect(run.code, run.stderr).toBe(1);
    const seen = JSON.parse(await readFile(recorded, 'utf8')) as { configDir: string; status: string; tests: { title: string; status: string; ok: boolean; error: string | null }[] };
    const byId = Object.fromEntries(seen.tests.map((t) => [t.title.split(':')[0], t]));
    expect(byId['happy-path']).toMatchObject({ status: 'passed', ok: true, error: null });
    // The fail's Playwright test passed (the worker is kept); the reporter is told the verdict.
    expect(byId['state-tampered']).toMatchObject({ status: 'failed', ok: false });
    expect(byId['state-tampered']!.error).toMatch(/^fail: Expected the app refuses/);
    expect(seen.status).toBe('failed');
    // authfault's own reporters wrote theirs beside it.
    expect((await readReport(join(dir, 'out'))).scenarios).toHaveLength(2);

    const unknown = await runCli(['run', '--config', NAIVE, '--reporter', 'allure-playwright', '--output', join(dir, 'other')], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown reporter "allure-playwright": it is none of authfault\'s reporters (list, dot, json, junit, html, github), and no Playwright reporter of that name is installed here. Install it (npm install --save-dev allure-playwright)');
    const typo = await runCli(['run', '--config', NAIVE, '--reporter', 'jsno', '--output', join(dir, 'other')], { cwd: dir });
    expect(typo.stderr).toContain('Unknown reporter "jsno". Did you mean "json"?');
  }, 180_000);

  it('a Playwright reporter written in TypeScript, given by its path, is transpiled as Playwright would and sees the verdicts', async () => {
    // The run keeps Playwright's TypeScript loader for it (run.ts leaves it out of other runs).
    const dir = await files({
      'package.json': '{ "name": "team-project", "private": true, "type": "module" }\n',
      'reporters/recorder.ts': TS_REPORTER,
    });
    const recorded = join(dir, 'recorded.json');
    const run = await runCli(['run', '--config', NAIVE, '--driver', 'http', '--grep', '^(state-tampered|happy-path)$', '--reporter', 'json,./reporters/recorder.ts', '--output', join(dir, 'out')], {
      cwd: dir,
      env: { RECORDED: recorded },
    });
    expect(run.code, run.stderr).toBe(1);
    const seen = JSON.parse(await readFile(recorded, 'utf8')) as Record<string, string>;
    expect(seen).toEqual({ 'happy-path': 'passed', 'state-tampered': 'failed' });
  }, 120_000);
});

/** A bundled scenario's title, as its file has it. */
async function titleOf(file: string): Promise<string> {
  return /^title: (.*)$/m.exec(await readFile(join(ROOT, 'scenarios', file), 'utf8'))![1]!;
}
