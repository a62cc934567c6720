import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';
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

describe('authfault run --driver http: scenarios that click and type', () => {
  const files = useTempFiles();
  const head = (id: string, title: string, ...driver: string[]) => [`id: ${id}`, `title: ${title}`, 'category: oauth-flow', 'severity: must', ...driver];
  // The provider's login page: "Sign in as alice" buttons in one form, the Username field and its "Sign in" button in another.
  const byHand = lines(...head('by-hand', 'Signs in by typing into the provider’s form', 'driver: http'), 'steps:', '  - goto: /login', '  - fill: { label: Username, value: alice }', '  - click: { selector: "button:not([name])" }', 'expect:', '  app: signed-in');
  // Its first element with the text "Sign in" is the page's heading: a click on it does nothing without a script.
  const heading = lines(...head('heading', 'Clicks the heading'), 'steps:', '  - goto: /login', '  - click: Sign in', 'expect:', '  app: signed-in');

  it('runs them, a scenario that says driver: http included, and skips only what needs a script, naming the element and why', async () => {
    const dir = await files({ 'suite/by-hand.yaml': byHand, 'suite/heading.yaml': heading });
    const { result, report } = await run('careful-app', '--workers', '1', join(dir, 'suite'));
    expect(report.scenarios.map((s) => [s.id, s.verdict])).toEqual([
      ['by-hand', 'pass'],
      ['heading', 'skipped'],
    ]);
    const skipped = report.scenarios[1]!;
    expect(skipped.diagnosis!.summary).toMatch(
      /^Skipped: this scenario runs over http, and .*heading\.yaml:7:5: clicking "Sign in" needs a browser: it is a <h1>, neither a link nor a form's submit button: a click on it does only what a script makes it do \(at https:\/\/127\.0\.0\.1:\d+\/default\/interaction\/\S+\)\.$/,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 passed, 0 failed, 0 warned, 0 errors, 1 skipped/);

    const bad = await runCli(['run', '--config', 'examples/careful-app/authfault.config.yaml', '--driver', 'curl']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('authfault: --driver must be one of browser, http, got "curl" [AUTHFAULT_BAD_OPTION]\n');
  }, 300_000);
});
