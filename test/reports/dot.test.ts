import { describe, expect, it } from 'vitest';
import { createDotReporter } from '../../reports/console/dot.js';
import { captureStream, drive } from './drive.js';
import { fixtureReport } from './fixture.js';

describe('dot reporter', () => {
  it('prints a character per scenario, then the problems (and why each skip was skipped) in file order and the summary', async () => {
    const { stream, text } = captureStream();
    await drive(createDotReporter({ stream, color: false }), fixtureReport());

    expect(text()).toBe(
      [
        'Running 6 scenarios against careful-app using 2 workers (seed 20251128)',
        'F-WE.. [6/6]',
        '',
        '✗ fail    state-tampered  A callback whose state was tampered with is refused (2.1s)',
        '    The app signed alice in although the state in the callback was not the one it sent.',
        '    scenarios/oauth-flow/state-tampered.yaml:2',
        '- skipped api-insufficient-scope  A 403 insufficient_scope from the API is shown, not retried (0ms)',
        '    Skipped: the target config names no "profile" page.',
        '! warn    retry-after  A 429 with Retry-After is waited out (1.6s)',
        '    The app retried the token request after 120ms, before Retry-After (1s) had passed.',
        '    scenarios/rate-limits/retry-after.yaml:2',
        'E error   expired-certificate  An expired provider certificate is refused (30.1s, 1 retry)',
        '    The target app did not answer within 30s, so the scenario could not be judged.',
        '    scenarios/tls/expired-certificate.yaml:9',
        '',
        '6 scenarios in 34.0s (seed 20251128)',
        '2 passed, 1 failed, 1 warned, 1 error, 1 skipped',
        '',
      ].join('\n'),
    );
  });

  it('wraps after 60 characters, each line ending with the scenarios done so far', async () => {
    const { stream, text } = captureStream();
    const template = fixtureReport();
    const pass = template.scenarios[5]!;
    const scenarios = Array.from({ length: 81 }, (_, i) => ({ ...pass, id: `s${i}` }));
    const report = { ...template, scenarios, summary: { pass: 81, fail: 0, warn: 0, error: 0, skipped: 0, total: 81 } };
    await drive(createDotReporter({ stream, color: false }), report);

    expect(text().split('\n').slice(1, 4)).toEqual([`${'.'.repeat(60)} [60/81]`, `${'.'.repeat(21)} [81/81]`, '']);
  });
});
