import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../../harness/language/load.js';
import { CATEGORIES, kindNames } from '../../mock-provider/index.js';
import type { RunReport } from '../../reports/index.js';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { normaliseReport } from './normalise-report.js';

/** Positive controls: a correct app signs in, so an app that refuses everything cannot pass. */
const CONTROLS = [
  'happy-path',
  'token-aud-array',
  'jwks-kid-absent',
  'token-response-minimal',
  'token-response-extra-members',
  'refresh-no-id-token',
  'clock-skew-ahead-30s',
  'clock-skew-behind-30s',
  'rate-limit-token',
  'tls-run-ca',
];

describe('authfault run against examples/careful-app (real CLI, real Chromium)', () => {
  let out: string;
  let result: CliResult;
  let report: RunReport;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'authfault-careful-'));
    // Traces are recorded only to be kept for failures; a run where everything passes keeps none.
    // The whole suite, two workers (each its own provider and app): a few minutes here.
    result = await runCli(['run', '--config', 'examples/careful-app/authfault.config.yaml', '--output', out, '--trace', 'off', '--workers', '2'], {
      timeoutMs: 1_200_000,
    });
    report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
  }, 1_260_000);

  // A refactoring must not change a verdict, a diagnosis or what the app was made to do. After an
  // intended change: npm run update-expected-reports (README, Development).
  it('writes the report it wrote before, but for what differs between any two runs', async () => {
    const normalised = normaliseReport(report, { outputDir: out, cwd: ROOT });
    await expect(`${JSON.stringify(normalised, null, 1)}\n`).toMatchFileSnapshot('expected-reports/careful-app.json');
  });

  it('passes every bundled scenario and exits 0', async () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const verdicts = Object.fromEntries(report.scenarios.map((s) => [s.id, s.verdict]));
    expect(Object.entries(verdicts).filter(([, v]) => v !== 'pass')).toEqual([]);
    const suite = await loadScenarios([join(ROOT, 'scenarios')], ROOT);
    expect(Object.keys(verdicts).sort()).toEqual(suite.scenarios.map((s) => s.id).sort());
    expect(Object.keys(verdicts)).toEqual(expect.arrayContaining([...CONTROLS, 'state-tampered', 'token-expired', 'tls-self-signed']));
  });

  it('runs a suite of well over 60 scenarios: every category, every fault kind, the positive controls and the no-fault flows', () => {
    expect(report.scenarios.length).toBeGreaterThan(60);
    expect(new Set(report.scenarios.map((s) => s.category))).toEqual(new Set(CATEGORIES));
    // The mock API's kinds (api.*, api-key.*) are the API suite's to cover, in scenarios/api/.
    const injected = new Set(report.scenarios.flatMap((s) => s.faults.map((f) => f.kind)));
    expect(kindNames().filter((kind) => !kind.startsWith('api') && !injected.has(kind))).toEqual([]);
    for (const id of CONTROLS) expect(report.scenarios.find((s) => s.id === id)?.verdict, id).toBe('pass');
    for (const id of ['pkce-s256', 'code-not-redeemed-twice', 'logout-ends-session']) {
      expect(report.scenarios.find((s) => s.id === id)).toMatchObject({ verdict: 'pass', faults: [] });
    }
  });

  it('prints a line per scenario and the summary', () => {
    expect(result.stdout).toMatch(/✓ pass +\[ *\d+\/\d+\] state-tampered +A callback whose state was tampered with is refused \(\d+(\.\d)?m?s\)/);
    expect(result.stdout).toMatch(new RegExp(`^${report.scenarios.length} passed, 0 failed, `, 'm'));
  });

  it('records the run, the faults applied and the journal as evidence', async () => {
    expect(report).toMatchObject({ schema: 'authfault/report', version: 1, run: { target: { name: 'careful-app' } } });
    expect(report.summary).toMatchObject({ pass: report.scenarios.length, total: report.scenarios.length });
    expect(report.run.seed).toMatch(/^[0-9a-f]{8}$/);
    const tampered = report.scenarios.find((s) => s.id === 'state-tampered')!;
    expect(tampered).toMatchObject({ file: 'scenarios/oauth-flow/state-tampered.yaml', category: 'oauth-flow', severity: 'must' });
    expect(tampered.faults).toEqual([{ kind: 'state.tampered', params: {}, applied: 1 }]);
    expect(tampered.evidence.journal!.some((e) => e.endpoint === 'token')).toBe(false);
    const source = (await readFile(join(ROOT, tampered.file), 'utf8')).split('\n');
    const loginLine = source.findIndex((l) => l === '  - login: alice') + 1;
    expect(loginLine).toBeGreaterThan(0);
    expect(tampered.steps).toEqual([expect.objectContaining({ title: 'login as alice', status: 'passed', line: loginLine, column: 5 })]);
    const limited = report.scenarios.find((s) => s.id === 'rate-limit-token')!;
    const token = limited.evidence.journal!.filter((e) => e.endpoint === 'token');
    expect(token.map((e) => e.status)).toEqual([429, 200]);
    expect(Date.parse(token[1]!.time) - Date.parse(token[0]!.time)).toBeGreaterThanOrEqual(1000);
    // The hang was given up on by the app's own timeout, and the person got an error page.
    const hang = report.scenarios.find((s) => s.id === 'network-hang-token')!;
    expect(hang.evidence.journal!.filter((e) => e.endpoint === 'token').map((e) => e.outcome)).toEqual(['hang']);
    expect(hang.diagnosis!.summary).toMatch(/^Handled: .*the app answers every page load within the page budget of \d+ s, even while the provider hangs/);
  });

  it('writes JUnit XML whose test cases point at the scenario files', async () => {
    const xml = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(xml).toContain('file="scenarios/oauth-flow/state-tampered.yaml"');
    expect(xml).toMatch(/<testcase [^>]*name="state-tampered: A callback whose state was tampered with is refused"/);
    expect(xml).not.toContain('<failure');
  });
});
