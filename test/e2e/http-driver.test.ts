import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/index.js';
import { runCli, ROOT, type CliResult } from '../helpers/cli.js';
import { lines, useTempFiles } from '../harness/temp-files.js';
import { caughtWith, documentedFlaws } from './flaws.js';

async function run(app: 'careful-app' | 'naive-app', ...extra: string[]): Promise<{ result: CliResult; report: RunReport }> {
  const out = await mkdtemp(join(tmpdir(), `authfault-http-${app}-`));
  const result = await runCli(['run', '--config', `examples/${app}/authfault.config.yaml`, '--driver', 'http', '--workers', '2', '--reporter', 'list,json', '--output', out, ...extra], { timeoutMs: 600_000 });
  return { result, report: JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport };
}

/**
 * The discrimination in the http driver: the whole bundled suite, no browser. The browser runs
 * (careful-app.test.ts, naive-app.test.ts) are held to the same contract — careful-app passes
 * everything, naive-app fails exactly what FLAWS.md names — so the two drivers' verdicts are the
 * same scenario for scenario.
 */
describe('authfault run --driver http: the same verdicts without a browser', () => {
  let careful: { result: CliResult; report: RunReport };
  let naive: { result: CliResult; report: RunReport };

  beforeAll(async () => {
    careful = await run('careful-app');
    naive = await run('naive-app');
  }, 1_260_000);

  it('passes every bundled scenario against careful-app, none skipped', () => {
    expect(careful.report.scenarios.filter((s) => s.verdict !== 'pass').map((s) => `${s.id}: ${s.verdict}`)).toEqual([]);
    expect(careful.report.scenarios.length).toBeGreaterThan(60);
    expect(careful.result.code).toBe(0);
    expect(careful.report.run.driver).toBe('http (no browser)');
  });

  it('fails and warns on exactly the scenarios FLAWS.md names against naive-app, and passes the rest', () => {
    const flaws = documentedFlaws();
    const caught = caughtWith(flaws, 'fail');
    const warned = caughtWith(flaws, 'warn');
    const verdicts = naive.report.scenarios.map((s) => [s.id, s.verdict] as const);
    expect(verdicts.filter(([, v]) => v === 'fail').map(([id]) => id).sort()).toEqual(caught);
    expect(verdicts.filter(([, v]) => v === 'warn').map(([id]) => id).sort()).toEqual(warned);
    expect(verdicts.filter(([id, v]) => !caught.includes(id) && !warned.includes(id) && v !== 'pass')).toEqual([]);
    expect(naive.result.code).toBe(1);
    // The same judge, on what the http user agent saw: the diagnosis names it.
    const tampered = naive.report.scenarios.find((s) => s.id === 'state-tampered')!;
    expect(tampered.diagnosis!.observed.join('\n')).toMatch(/the user was signed in/);
    expect(tampered.evidence.journal!.some((e) => e.endpoint === 'token')).toBe(true);
    expect(tampered.evidence.screenshot).toBeUndefined();
  });
});

describe('authfault run --driver http: scenarios that need a DOM', () => {
  const files = useTempFiles();
  const byHand = (...driver: string[]) =>
    lines('id: by-hand', 'title: Signs in by typing into the provider’s form', 'category: oauth-flow', 'severity: must', ...driver, 'steps:', '  - goto: /login', '  - fill: { label: Username, value: alice }', '  - click: Sign in', 'expect:', '  app: signed-in');
  const plain = lines('id: plain', 'title: Signs in', 'category: oauth-flow', 'severity: must', 'steps:', '  - login: alice', 'expect:', '  app: signed-in');

  it('are skipped in an http run, with the step that needs the browser, and the rest run', async () => {
    const dir = await files({ 'suite/by-hand.yaml': byHand(), 'suite/plain.yaml': plain });
    const { result, report } = await run('careful-app', '--workers', '1', join(dir, 'suite'));
    expect(report.scenarios.map((s) => [s.id, s.verdict])).toEqual([
      ['by-hand', 'skipped'],
      ['plain', 'pass'],
    ]);
    const skipped = report.scenarios[0]!;
    expect(skipped.diagnosis!.summary).toMatch(/^Skipped: this run uses --driver http, and .*by-hand\.yaml:7:5: fill needs a browser: the http driver has no DOM to find the element in \(and 1 more\)\.$/);
    expect(skipped.diagnosis!.observed).toEqual([expect.stringMatching(/by-hand\.yaml:7:5: fill needs a browser/), expect.stringMatching(/by-hand\.yaml:8:5: click needs a browser/)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 passed, 0 failed, 0 warned, 0 errors, 1 skipped/);
  }, 300_000);

  it('are refused before anything runs when the scenario itself says driver: http (exit 2, positioned)', async () => {
    const dir = await files({ 'suite/by-hand.yaml': byHand('driver: http') });
    const result = await runCli(['run', '--config', join(ROOT, 'examples/careful-app/authfault.config.yaml'), join(dir, 'suite')], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('suite/by-hand.yaml:8:5 steps.1: fill needs a browser: the http driver has no DOM to find the element in; this scenario says driver: http (remove it, or set driver: browser)');
    expect(result.stderr).toContain('suite/by-hand.yaml:9:5 steps.2: click needs a browser');

    const bad = await runCli(['run', '--config', 'examples/careful-app/authfault.config.yaml', '--driver', 'curl']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('authfault: --driver must be one of browser, http, got "curl" [AUTHFAULT_BAD_OPTION]\n');
  });
});
