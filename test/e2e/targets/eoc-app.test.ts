import { expect, it } from 'vitest';
import { describeExampleTarget } from './example-target.js';

/**
 * The suite against an app authfault did not write: examples/eoc-app, on Auth0's
 * express-openid-connect 2 with its defaults, configured only through its target config.
 */
describeExampleTarget('eoc-app', ({ runs }) => {
  it('skips only what cannot run against this config, saying so: the API scenarios, for want of their pages', () => {
    const { report, result } = runs.browser;
    const skipped = report.scenarios.filter((s) => s.verdict === 'skipped' && s.id.startsWith('api-'));
    expect(skipped.length).toBe(8);
    for (const s of skipped) expect(s.diagnosis!.summary, s.id).toMatch(/^Skipped: this scenario needs page "(orders|burst)": add it under pages: in the target config\.$/);
    expect(result.stdout).toContain('\n    Skipped: this scenario needs page "orders": add it under pages: in the target config.\n');
  });

  it('meets the discovery and JWKS faults on a freshly started app, so they apply', () => {
    const { report } = runs.browser;
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
