import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../../harness/scenario/load.js';
import type { RunReport } from '../../reports/index.js';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';

describe('authfault run against examples/careful-app (real CLI, real Chromium)', () => {
  let out: string;
  let result: CliResult;
  let report: RunReport;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'authfault-careful-'));
    // Traces are recorded only to be kept for failures; a run where everything passes keeps none.
    result = await runCli(['run', '--config', 'examples/careful-app/authfault.config.yaml', '--output', out, '--trace', 'off'], { timeoutMs: 600_000 });
    report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
  }, 660_000);

  it('passes every bundled scenario and exits 0', async () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const verdicts = Object.fromEntries(report.scenarios.map((s) => [s.id, s.verdict]));
    expect(Object.entries(verdicts).filter(([, v]) => v !== 'pass')).toEqual([]);
    const suite = await loadScenarios([join(ROOT, 'scenarios')], ROOT);
    expect(Object.keys(verdicts).sort()).toEqual(suite.scenarios.map((s) => s.id).sort());
    expect(Object.keys(verdicts)).toEqual(expect.arrayContaining(['happy-path', 'rate-limit-token', 'state-tampered', 'token-expired', 'tls-run-ca', 'tls-self-signed']));
    expect(Object.keys(verdicts)).toEqual(
      expect.arrayContaining([
        'api-orders',
        'api-expired-token-refresh',
        'api-invalid-token-no-loop',
        'api-insufficient-scope-no-refresh',
        'api-forbidden-no-refresh',
        'api-rate-limit-orders',
        'api-burst-single-refresh',
        'api-unavailable',
      ]),
    );
  });

  it('prints a line per scenario and the summary', () => {
    expect(result.stdout).toMatch(/✓ pass +\[ *\d+\/\d+\] state-tampered +A callback whose state was tampered with is refused \(\d+(\.\d)?m?s\)/);
    expect(result.stdout).toMatch(new RegExp(`^${report.scenarios.length} passed, 0 failed$`, 'm'));
  });

  it('records the run, the faults applied and the journal as evidence', () => {
    expect(report).toMatchObject({ schema: 'authfault/report', version: 1, run: { target: { name: 'careful-app' } } });
    expect(report.summary).toMatchObject({ pass: report.scenarios.length, total: report.scenarios.length });
    expect(report.run.seed).toMatch(/^[0-9a-f]{8}$/);
    const tampered = report.scenarios.find((s) => s.id === 'state-tampered')!;
    expect(tampered).toMatchObject({ file: 'scenarios/oauth-flow/state-tampered.yaml', category: 'oauth-flow', severity: 'must' });
    expect(tampered.faults).toEqual([{ kind: 'state.tampered', params: {}, applied: 1 }]);
    expect(tampered.evidence.journal!.some((e) => e.endpoint === 'token')).toBe(false);
    expect(tampered.steps).toEqual([expect.objectContaining({ title: 'login as alice', status: 'passed', line: 10, column: 5 })]);
    const limited = report.scenarios.find((s) => s.id === 'rate-limit-token')!;
    const token = limited.evidence.journal!.filter((e) => e.endpoint === 'token');
    expect(token.map((e) => e.status)).toEqual([429, 200]);
    expect(Date.parse(token[1]!.time) - Date.parse(token[0]!.time)).toBeGreaterThanOrEqual(1000);
    const burst = report.scenarios.find((s) => s.id === 'api-burst-single-refresh')!.evidence.journal!;
    expect(burst.filter((e) => e.endpoint === 'token' && e.grantType === 'refresh_token').map((e) => e.status)).toEqual([200]);
    const calls = burst.filter((e) => e.endpoint === 'api');
    expect(calls.every((e) => e.api?.route === 'GET /api/orders')).toBe(true);
    expect(calls.map((e) => e.status).sort()).toEqual([200, 200, 200, 200, 200, 401, 401, 401, 401, 401]);
  });

  it('writes JUnit XML whose test cases point at the scenario files', async () => {
    const xml = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(xml).toContain('file="scenarios/oauth-flow/state-tampered.yaml"');
    expect(xml).toMatch(/<testcase [^>]*name="state-tampered: A callback whose state was tampered with is refused"/);
    expect(xml).not.toContain('<failure');
  });
});
