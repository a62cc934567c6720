import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../harness/cli/exit-codes.js';
import { warningsOf } from '../../harness/verdict/warnings.js';
import { runReport, type RunReport } from '../../reports/index.js';
import { runCli } from '../helpers/cli.js';
import { fixtureReport } from '../reports/fixture.js';

const summary = (fail: number, error: number) => ({ fail, error });

describe('the exit code of authfault run and merge-reports (one rule, README "Exit codes")', () => {
  it('is 1 when a scenario failed, even when something else broke too; else 3 when anything broke; else 0', () => {
    expect(exitCodeOf({ summary: summary(0, 0), broken: [] })).toBe(0);
    expect(exitCodeOf({ summary: summary(2, 0), broken: [] })).toBe(1);
    expect(exitCodeOf({ summary: summary(2, 1), broken: ['junit'] })).toBe(1);
    expect(exitCodeOf({ summary: summary(0, 1), broken: [] })).toBe(3);
    expect(exitCodeOf({ summary: summary(0, 0), broken: ['junit'] })).toBe(3);
    expect(exitCodeOf({ summary: summary(0, 0), broken: ['Error: worker process exited unexpectedly'] })).toBe(3);
  });

  it('--fail-on should (or may) makes a warning that strong fail the run, as a linter takes a warning threshold', () => {
    const warnings = warningsOf([{ verdict: 'warn', broken: 'should' }, { verdict: 'warn', broken: 'may' }, { verdict: 'pass' }, { verdict: 'warn', broken: 'may' }]);
    expect(warnings).toEqual({ should: 1, may: 2 });
    const end = { summary: summary(0, 0), broken: [], warnings };
    expect([exitCodeOf(end), exitCodeOf(end, 'must'), exitCodeOf(end, 'should'), exitCodeOf(end, 'may')]).toEqual([0, 0, 1, 1]);
    const mayOnly = { ...end, warnings: { should: 0, may: 1 } };
    expect([exitCodeOf(mayOnly, 'should'), exitCodeOf(mayOnly, 'may')]).toEqual([0, 1]);
  });

  it('merge-reports --fail-on should fails on a warned should; a bad --fail-on is bad input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authfault-exit-'));
    const { run, scenarios } = fixtureReport();
    const warned = scenarios.filter((s) => s.verdict === 'warn' || s.verdict === 'pass').map((s) => (s.verdict === 'warn' ? { ...s, broken: 'should' as const } : s));
    await writeFile(join(dir, 'report.json'), JSON.stringify(runReport(run, warned)));
    expect((await runCli(['merge-reports', dir, '--reporter', 'json', '--output', join(dir, 'm1')])).code).toBe(0);
    expect((await runCli(['merge-reports', dir, '--reporter', 'json', '--output', join(dir, 'm2'), '--fail-on', 'should'])).code).toBe(1);
    const bad = await runCli(['merge-reports', dir, '--reporter', 'json', '--output', join(dir, 'm3'), '--fail-on', 'sould']);
    expect(bad).toMatchObject({ code: 2, stderr: 'authfault: --fail-on must be one of must, should, may, got "sould" [AUTHFAULT_BAD_OPTION]\n' });
  });

  it('run: a reporter that cannot write its file makes a passing run exit 3, and the others still write theirs', async () => {
    const out = await mkdtemp(join(tmpdir(), 'authfault-exit-'));
    // junit.xml cannot be written where a folder of that name stands.
    await mkdir(join(out, 'junit.xml'));
    const res = await runCli(
      ['run', 'scenarios/controls/happy-path.yaml', '--config', 'examples/careful-app/authfault.config.yaml', '--reporter', 'list,json,junit', '--output', out, '--trace', 'off'],
      { timeoutMs: 120_000 },
    );
    expect(res.stderr).toContain('the "junit" reporter failed in onEnd');
    expect(res.stdout).toMatch(/^1 passed, 0 failed, 0 warned, 0 errors, 0 skipped$/m);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report.summary).toMatchObject({ pass: 1, total: 1 });
    expect(res.code).toBe(3);
  }, 150_000);

  it('merge-reports: the same rule — a reporter that cannot write is 3 when every scenario passed, and a fail still 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authfault-exit-'));
    const { run, scenarios } = fixtureReport();
    const shard = async (name: string, verdicts: readonly string[]) => {
      await mkdir(join(dir, name));
      const some = scenarios.filter((s) => verdicts.includes(s.verdict));
      await writeFile(join(dir, name, 'report.json'), JSON.stringify(runReport(run, some)));
      return join(dir, name);
    };
    const passed = await shard('passed', ['pass']);
    const failed = await shard('failed', ['pass', 'fail']);
    for (const [input, code] of [[passed, 3], [failed, 1]] as const) {
      const out = join(dir, `merged-${code}`);
      await mkdir(join(out, 'junit.xml'), { recursive: true });
      const res = await runCli(['merge-reports', input, '--reporter', 'json,junit', '--output', out]);
      expect(res.stderr).toContain('the "junit" reporter failed in onEnd');
      expect(res.code).toBe(code);
    }
  });
});
