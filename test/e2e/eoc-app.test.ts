import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../../harness/language/load.js';
import type { RunReport } from '../../reports/index.js';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { expectedVerdicts } from './eoc-verdicts.js';

/**
 * The suite against an app authfault did not write: examples/eoc-app, on Auth0's
 * express-openid-connect 2 with its defaults, configured only through its target config. A
 * correct app on a well-known library must get no `fail` on a `must` it meets: each verdict that
 * is not `pass` is in the README's table with the reason — a real flaw of the library with the
 * spec's words, or a SHOULD/MAY it does not do — and a verdict stricter than the spec is a bug in
 * the suite, fixed there, not written down here.
 */
describe('authfault run against examples/eoc-app (express-openid-connect 2, real CLI, real Chromium)', () => {
  const expected = expectedVerdicts();
  const ids = (verdict: string) => expected.filter((r) => r.verdict === verdict).flatMap((r) => r.scenarios).sort();
  let result: CliResult;
  let report: RunReport;

  beforeAll(async () => {
    const out = await mkdtemp(join(tmpdir(), 'authfault-eoc-'));
    // The whole bundled suite, two workers; the app is restarted for the fresh-app scenarios.
    result = await runCli(['run', '--config', 'examples/eoc-app/authfault.config.yaml', '--workers', '2', '--trace', 'off', '--output', out], { timeoutMs: 1_200_000 });
    report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
  }, 1_260_000);

  it('runs the whole bundled suite: nothing refuses to start, nothing is an error', async () => {
    const suite = await loadScenarios([join(ROOT, 'scenarios')], ROOT);
    expect(report.scenarios.map((s) => s.id).sort()).toEqual(suite.scenarios.map((s) => s.id).sort());
    expect(report.scenarios.filter((s) => s.verdict === 'error').map((s) => `${s.id}: ${s.diagnosis?.summary}`)).toEqual([]);
    expect(result.stderr).toBe('');
  });

  it('gives exactly the verdicts the README documents, and passes every other scenario', () => {
    const actual = (verdict: string) => report.scenarios.filter((s) => s.verdict === verdict).map((s) => s.id).sort();
    expect(actual('fail')).toEqual(ids('fail'));
    expect(actual('warn')).toEqual(ids('warn'));
    expect(actual('skipped')).toEqual(ids('skipped'));
    expect(report.summary.pass).toBe(report.scenarios.length - ids('fail').length - ids('warn').length - ids('skipped').length);
    expect(result.code).toBe(ids('fail').length > 0 ? 1 : 0);
  });

  it('fails only on flaws of the library, each a MUST the README cites', () => {
    for (const row of expected.filter((r) => r.verdict === 'fail')) {
      expect(row.classification, row.scenarios.join(', ')).toMatch(/^\*\*real flaw\*\*.*(§|RFC|OpenID)/);
    }
    // A fail on a scenario that never met its fault would be no evidence at all.
    for (const s of report.scenarios.filter((x) => x.verdict === 'fail')) expect(s.faults.some((f) => f.applied > 0), s.id).toBe(true);
  });

  it('skips only what cannot run against this config, saying so: the API scenarios, for want of their pages', () => {
    const skipped = report.scenarios.filter((s) => s.verdict === 'skipped');
    expect(skipped.map((s) => s.id).every((id) => id.startsWith('api-'))).toBe(true);
    for (const s of skipped) expect(s.diagnosis!.summary, s.id).toMatch(/^Skipped: this scenario needs page "(orders|burst)": add it under pages: in the target config\.$/);
    expect(result.stdout).toContain('\n    Skipped: this scenario needs page "orders": add it under pages: in the target config.\n');
  });

  it('meets the discovery and JWKS faults on a freshly started app, so they apply', () => {
    for (const id of ['discovery-issuer-mismatch', 'network-hang-discovery', 'network-hang-jwks', 'jwks-kid-absent', 'jwks-rotate']) {
      const s = report.scenarios.find((x) => x.id === id)!;
      expect(s.faults.some((f) => f.applied > 0), id).toBe(true);
      expect(s.evidence.journal!.some((e) => e.endpoint === 'discovery'), `${id}: a fresh app fetches discovery`).toBe(true);
    }
    const mismatch = report.scenarios.find((s) => s.id === 'discovery-issuer-mismatch')!;
    // The library used the document's endpoints: the browser went to the provider and the code was redeemed.
    expect(mismatch.diagnosis!.summary).toMatch(/^Expected no request to the authorization endpoint, but /);
    expect(mismatch.evidence.journal!.some((e) => e.endpoint === 'token')).toBe(true);
  });
});
