import { describe, expect, it } from 'vitest';
import { createListReporter } from '../../reports/console/list.js';
import { captureStream, drive } from './drive.js';
import { fixtureReport } from './fixture.js';

describe('list reporter', () => {
  it('prints a line per scenario, the diagnosis of each problem, the reason of each skip, and the summary', async () => {
    const { stream, text } = captureStream();
    const reporter = createListReporter({ stream, color: false, writtenFiles: ['/repo/out/report.json'], cwd: '/repo' });
    await drive(reporter, fixtureReport());

    expect(text()).toBe(
      [
        'Running 6 scenarios against careful-app using 2 workers (seed 20251128)',
        '',
        '✗ fail    [1/6] state-tampered  A callback whose state was tampered with is refused (2.1s)',
        '    The app signed alice in although the state in the callback was not the one it sent.',
        '    scenarios/oauth-flow/state-tampered.yaml:2',
        '- skipped [2/6] api-insufficient-scope  A 403 insufficient_scope from the API is shown, not retried (0ms)',
        '    Skipped: the target config names no "profile" page.',
        '! warn    [3/6] retry-after  A 429 with Retry-After is waited out (1.6s)',
        '    The app retried the token request after 120ms, before Retry-After (1s) had passed.',
        '    scenarios/rate-limits/retry-after.yaml:2',
        'E error   [4/6] expired-certificate  An expired provider certificate is refused (30.1s, 1 retry)',
        '    The target app did not answer within 30s, so the scenario could not be judged.',
        '    scenarios/tls/expired-certificate.yaml:9',
        '✓ pass    [5/6] aud-array  An ID token whose aud is an array containing the client is accepted (1.2s, 1 retry)',
        '✓ pass    [6/6] id-token-expired  An expired ID token is refused (850ms)',
        '',
        '6 scenarios in 34.0s (seed 20251128)',
        '2 passed, 1 failed, 1 warned, 1 error, 1 skipped',
        'Reports:',
        '  out/report.json',
        '',
      ].join('\n'),
    );
  });

  it('prints the summary once: exactly one line starts "N passed, N failed", which CI (no colours) reads', async () => {
    const { stream, text } = captureStream();
    await drive(createListReporter({ stream, color: false }), fixtureReport());

    const ciLines = text()
      .split('\n')
      .filter((line) => /^\d+ passed, \d+ failed/.test(line));
    expect(ciLines).toEqual(['2 passed, 1 failed, 1 warned, 1 error, 1 skipped']);
  });

  it('pads the progress counter to the width of the total', async () => {
    const { stream, text } = captureStream();
    const report = fixtureReport();
    createListReporter({ stream, color: false }).onScenarioEnd!(report.scenarios[4]!, { done: 7, total: 120 });

    expect(text()).toBe(
      '✓ pass    [  7/120] aud-array  An ID token whose aud is an array containing the client is accepted (1.2s, 1 retry)\n',
    );
  });

  it('falls back to the failed step\'s first error line when a problem has no diagnosis', async () => {
    const { stream, text } = captureStream();
    const scenario = fixtureReport().scenarios[3]!;
    delete scenario.diagnosis;
    createListReporter({ stream, color: false }).onScenarioEnd!(scenario, { done: 1, total: 1 });

    expect(text().split('\n').slice(1)).toEqual([
      '    TimeoutError: page.goto: Timeout 30000ms exceeded.',
      '    scenarios/tls/expired-certificate.yaml:9',
      '',
    ]);
  });

  it('prints run-level errors with their stack frames', () => {
    const { stream, text } = captureStream();
    createListReporter({ stream, color: false }).onError!({
      message: 'the provider could not bind 127.0.0.1:0',
      stack: 'Error: the provider could not bind 127.0.0.1:0\n    at listen (mock-provider/index.ts:40:11)',
    });

    expect(text()).toBe('Error: the provider could not bind 127.0.0.1:0\n    at listen (mock-provider/index.ts:40:11)\n');
  });
});

describe('list reporter colours', () => {
  const passing = () => {
    const report = fixtureReport();
    return { ...report, scenarios: [report.scenarios[5]!], summary: { pass: 1, fail: 0, warn: 0, error: 0, skipped: 0, total: 1 } };
  };

  it('colours a TTY when NO_COLOR is unset, and only the counts that are not zero', async () => {
    const { stream, text } = captureStream();
    Object.assign(stream, { isTTY: true });
    await drive(createListReporter({ stream, env: {} }), passing());

    const lines = text().split('\n');
    expect(lines[2]).toBe('\u001b[32m✓ pass\u001b[39m    [1/1] id-token-expired  An expired ID token is refused \u001b[2m(850ms)\u001b[22m');
    expect(lines).toContain('\u001b[32m1 passed\u001b[39m, 0 failed, 0 warned, 0 errors, 0 skipped');
  });

  it('writes plain text to a TTY when NO_COLOR is set', async () => {
    const { stream, text } = captureStream();
    Object.assign(stream, { isTTY: true });
    await drive(createListReporter({ stream, env: { NO_COLOR: '1' } }), passing());

    expect(text()).not.toContain('\u001b[');
  });

  it('writes plain text to a stream that is not a TTY', async () => {
    const { stream, text } = captureStream();
    await drive(createListReporter({ stream, env: {} }), passing());

    expect(text()).not.toContain('\u001b[');
  });
});
