import type { RunReport, ScenarioReport } from '../../reports/model.js';

/**
 * A realistic run of six scenarios against the careful example app, one of every verdict, in
 * file order. Every call returns a fresh copy, so tests can change it freely.
 */
export function fixtureReport(): RunReport {
  const scenarios = fixtureScenarios();
  return {
    schema: 'authfault/report',
    version: 1,
    run: {
      seed: '20251128',
      startedAt: '2025-11-28T08:30:00.000Z',
      durationMs: 34000,
      target: { name: 'careful-app', config: 'examples/careful-app/authfault.config.yaml' },
      authfaultVersion: '0.1.0',
      workers: 2,
      driver: 'chromium-headless-shell',
    },
    summary: { pass: 2, fail: 1, warn: 1, error: 1, skipped: 1, total: 6 },
    scenarios,
  };
}

/** The same run split into two shards, each listing its scenarios in completion order. */
export function fixtureShards(): [RunReport, RunReport] {
  const [stateTampered, insufficientScope, retryAfter, expiredCertificate, audArray, idTokenExpired] =
    fixtureScenarios();
  const base = fixtureReport();
  return [
    {
      ...base,
      run: { ...base.run, startedAt: '2025-11-28T08:30:00.000Z', durationMs: 5200, shard: { current: 1, total: 2 } },
      summary: { pass: 1, fail: 1, warn: 1, error: 0, skipped: 0, total: 3 },
      scenarios: [audArray!, stateTampered!, retryAfter!],
    },
    {
      ...base,
      run: { ...base.run, startedAt: '2025-11-28T08:30:00.400Z', durationMs: 33600, shard: { current: 2, total: 2 } },
      summary: { pass: 1, fail: 0, warn: 0, error: 1, skipped: 1, total: 3 },
      scenarios: [idTokenExpired!, expiredCertificate!, insufficientScope!],
    },
  ];
}

function fixtureScenarios(): ScenarioReport[] {
  return [
    {
      id: 'state-tampered',
      title: 'A callback whose state was tampered with is refused',
      file: 'scenarios/oauth-flow/state-tampered.yaml',
      line: 2,
      column: 1,
      category: 'oauth-flow',
      severity: 'must',
      references: ['RFC 6749 §10.12', 'oidcc-client-test-state-tampered'],
      faults: [{ kind: 'state.tampered', params: {}, applied: 1 }],
      steps: [{ title: 'login: alice', line: 12, column: 5, status: 'passed', durationMs: 1650 }],
      verdict: 'fail',
      durationMs: 2140,
      diagnosis: {
        summary: 'The app signed alice in although the state in the callback was not the one it sent.',
        category: 'oauth-flow',
        injected: ['state.tampered: the provider changed state on the redirect back to the app'],
        observed: ['alice is signed in (the profile page shows "alice@example.com")', 'POST /token was called once'],
        expected: ['the app refuses the callback and shows an error', 'no request to the token endpoint'],
        why: 'Without a state check an attacker can log a victim into the attacker\'s account (login CSRF).',
        fix: 'Store state in the session before redirecting and compare it to the callback\'s state.',
        references: ['RFC 6749 §10.12'],
      },
      evidence: {
        screenshot: 'test-results/state-tampered/screenshot.png',
        trace: 'test-results/state-tampered/trace.zip',
        journal: [
          {
            id: 3,
            time: '2025-11-28T08:30:01.210Z',
            endpoint: 'authorize',
            method: 'GET',
            path: '/auth',
            status: 303,
            durationMs: 9,
            clientId: 'demo-app',
            params: { state: true, code_challenge_method: 'S256', scope: 'openid email' },
            faults: [{ id: 'f1', kind: 'state.tampered', effect: 'state replaced in the redirect' }],
          },
          {
            id: 4,
            time: '2025-11-28T08:30:01.480Z',
            endpoint: 'token',
            method: 'POST',
            path: '/token',
            status: 200,
            durationMs: 14,
            clientId: 'demo-app',
            grantType: 'authorization_code',
            faults: [],
          },
        ],
      },
      retries: 0,
    },
    {
      id: 'api-insufficient-scope',
      title: 'A 403 insufficient_scope from the API is shown, not retried',
      file: 'scenarios/permissions/api-insufficient-scope.yaml',
      line: 2,
      column: 1,
      category: 'permissions',
      severity: 'should',
      references: ['RFC 6750 §3.1'],
      faults: [{ kind: 'api.insufficient-scope', params: { scope: 'profile:write' }, applied: 0 }],
      steps: [{ title: 'visit: profile', line: 10, column: 5, status: 'skipped', durationMs: 0 }],
      verdict: 'skipped',
      durationMs: 0,
      diagnosis: {
        summary: 'Skipped: the target config names no "profile" page.',
        category: 'permissions',
        injected: [],
        observed: [],
        expected: [],
        why: 'The scenario needs a page that calls the protected API.',
        fix: 'Add pages.profile to the target config.',
        references: [],
      },
      evidence: {},
      retries: 0,
    },
    {
      id: 'retry-after',
      title: 'A 429 with Retry-After is waited out',
      file: 'scenarios/rate-limits/retry-after.yaml',
      line: 2,
      column: 1,
      category: 'rate-limits',
      severity: 'should',
      references: ['RFC 6585 §4', 'RFC 9110 §10.2.3'],
      faults: [{ kind: 'rate-limit', params: { retry_after: 1 }, when: { endpoint: ['token'], times: 1 }, applied: 1 }],
      steps: [{ title: 'login: alice', line: 11, column: 5, status: 'passed', durationMs: 1320 }],
      verdict: 'warn',
      durationMs: 1580,
      diagnosis: {
        summary: 'The app retried the token request after 120ms, before Retry-After (1s) had passed.',
        category: 'rate-limits',
        injected: ['rate-limit: 429 with Retry-After: 1 on the first token request'],
        observed: ['a second POST /token 120ms after the 429'],
        expected: ['a second POST /token no sooner than 1s after the 429'],
        why: 'Retrying early keeps a rate-limited provider overloaded and can lock every user out.',
        fix: 'Honour Retry-After before retrying, with a capped backoff when it is absent.',
        references: ['RFC 6585 §4'],
      },
      evidence: { screenshot: 'test-results/retry-after/screenshot.png' },
      retries: 0,
    },
    {
      id: 'expired-certificate',
      title: 'An expired provider certificate is refused',
      file: 'scenarios/tls/expired-certificate.yaml',
      line: 2,
      column: 1,
      category: 'tls',
      severity: 'must',
      references: ['RFC 9700 §4.18'],
      faults: [{ kind: 'tls.expired', params: {}, applied: 0 }],
      steps: [
        {
          title: 'login: alice',
          line: 9,
          column: 5,
          status: 'failed',
          durationMs: 30000,
          error: '\u001b[31mTimeoutError: page.goto: Timeout 30000ms exceeded.\u001b[39m\nCall log:\n  - navigating to "http://127.0.0.1:4180/login"',
        },
      ],
      verdict: 'error',
      durationMs: 30120,
      diagnosis: {
        summary: 'The target app did not answer within 30s, so the scenario could not be judged.',
        category: 'tls',
        injected: ['tls.expired: the provider served a certificate that expired yesterday'],
        observed: ['GET /login timed out after 30s'],
        expected: ['the login page loads and the app then refuses the provider'],
        why: 'A harness error says nothing about the app; the scenario must run again.',
        fix: 'Check the app log below; make the app fail fast on TLS errors instead of hanging.',
        references: [],
      },
      evidence: { trace: 'test-results/expired-certificate/trace.zip', appLog: 'listening on :4180\nfetching discovery…\n' },
      retries: 1,
    },
    {
      id: 'aud-array',
      title: 'An ID token whose aud is an array containing the client is accepted',
      file: 'scenarios/tokens/aud-array.yaml',
      line: 2,
      column: 1,
      category: 'tokens',
      severity: 'must',
      references: ['OpenID Connect Core 1.0 §3.1.3.7'],
      faults: [{ kind: 'token.aud-array', params: { token: 'id_token' }, applied: 1 }],
      steps: [{ title: 'login: alice', line: 10, column: 5, status: 'passed', durationMs: 1020 }],
      verdict: 'pass',
      durationMs: 1210,
      evidence: {},
      retries: 1,
    },
    {
      id: 'id-token-expired',
      title: 'An expired ID token is refused',
      file: 'scenarios/tokens/id-token-expired.yaml',
      line: 2,
      column: 1,
      category: 'tokens',
      severity: 'must',
      references: ['OpenID Connect Core 1.0 §3.1.3.7'],
      faults: [
        { kind: 'token.expired', params: { token: 'id_token' }, applied: 1 },
        { kind: 'clock.skew', params: { seconds: -5 }, applied: 1 },
      ],
      steps: [{ title: 'login: alice', line: 13, column: 5, status: 'passed', durationMs: 640 }],
      verdict: 'pass',
      durationMs: 850,
      evidence: {},
      retries: 0,
    },
  ];
}
