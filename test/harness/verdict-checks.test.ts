import { describe, expect, it } from 'vitest';
import type { FaultView, JournalEntry } from '../../mock-provider/index.js';
import type { Scenario } from '../../harness/scenario/types.js';
import type { AppExpectation } from '../../harness/verdict/app/index.js';
import type { Check } from '../../harness/verdict/check.js';
import type { TypedScenario } from '../helpers/typed-scenario.js';
import { diagnose } from '../../harness/verdict/diagnose.js';
import { cookieCheck } from '../../harness/verdict/app/cookie.js';
import { errorShown } from '../../harness/verdict/app/error-shown.js';
import { noCrash } from '../../harness/verdict/app/no-crash.js';
import { statusIs } from '../../harness/verdict/app/status.js';
import { textShown } from '../../harness/verdict/app/text.js';
import { urlMatches } from '../../harness/verdict/app/url.js';
import type { AppEvidence } from '../../harness/verdict/evidence.js';
import { allowedMs, gaveUpWithin, observedMs, STILL_WAITING } from '../../harness/verdict/idp/gave-up-within.js';
import { order } from '../../harness/verdict/idp/order.js';
import { noCodeReuse } from '../../harness/verdict/idp/no-code-reuse.js';
import { noRefreshTokenReuse } from '../../harness/verdict/idp/no-refresh-token-reuse.js';
import { pkce } from '../../harness/verdict/idp/pkce.js';
import { pkceS256 } from '../../harness/verdict/idp/pkce-s256.js';
import { textNotShown } from '../../harness/verdict/app/not-text.js';
import { missingCapability } from '../../harness/verdict/capabilities.js';
import { appChecks, journalChecks } from '../../harness/verdict/judge.js';
import { verdictOf } from '../../harness/verdict/outcome.js';
import type { PageSnapshot } from '../../harness/verdict/page-snapshot.js';
import { probeRecovery, recoveryCheck, recoveryPoint } from '../../harness/verdict/recovery.js';

/**
 * Every check of the scenario language on hand-built evidence: journal entries as the provider
 * records them, pages as the browser left them. Times are ms after T.
 */
const T = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T + ms).toISOString();
let nextId = 1;

function entry(e: Partial<JournalEntry> & Pick<JournalEntry, 'endpoint'>, ms = 0): JournalEntry {
  return { id: nextId++, time: at(ms), method: 'GET', path: `/${e.endpoint}`, status: 200, durationMs: 5, faults: [], ...e };
}

const authorization = (params: Record<string, string | boolean>, ms = 0) =>
  entry({ endpoint: 'authorize', path: '/auth', params: { response_type: 'code', ...params }, clientId: 'demo-app' }, ms);
const redemption = (params: Record<string, string | boolean>, ms = 0) =>
  entry({ endpoint: 'token', method: 'POST', path: '/token', grantType: 'authorization_code', params: { grant_type: 'authorization_code', code: true, ...params } }, ms);
const loc = { file: 's.yaml', line: 1, column: 1 };

function scenarioWith(expect: Partial<TypedScenario['expect']>, severity: Scenario['severity'] = 'must'): TypedScenario {
  return {
    id: 's',
    title: 'S',
    category: 'oauth-flow',
    severity,
    references: [],
    spec: {},
    faults: [],
    steps: [
      { type: 'login', title: 'login as alice', loc },
      { type: 'replay-callback', title: 'replay the last callback', loc },
    ],
    expect: { app: [], idp: [], ...expect },
    file: 's.yaml',
    loc,
  };
}

describe('the rules on codes and refresh tokens, by the fingerprints the journal keeps', () => {
  const redeem = (code: string, ms: number, status = 200) => entry({ endpoint: 'token', method: 'POST', path: '/token', grantType: 'authorization_code', status, presented: { code } }, ms);
  const refresh = (token: string, ms: number, issued?: string, durationMs = 20) =>
    ({ ...entry({ endpoint: 'token', method: 'POST', path: '/token', grantType: 'refresh_token', status: issued ? 200 : 400, presented: { refresh_token: token }, ...(issued ? { issued: { access_token: true, refresh_token: issued } } : {}) }, ms), durationMs });

  it('no-code-reuse: a code presented twice breaks RFC 6749 §4.1.2; a fresh login with a new code does not', () => {
    expect(noCodeReuse([redeem('aaa', 0), redeem('bbb', 100)])).toMatchObject({ ok: true, observed: '2 code redemption(s), each with a code of its own' });
    const retry = [redeem('aaa', 0, 500), redeem('aaa', 50)];
    expect(noCodeReuse(retry)).toMatchObject({ ok: false, observed: `one code presented 2 times (requests #${retry[0]!.id} answered 500, #${retry[1]!.id} answered 200)` });
  });

  it('no-refresh-token-reuse: the old token presented after its replacement arrived breaks RFC 6749 §6; a stampede that left together does not', () => {
    const first = refresh('r1', 0, 'r2', 20);
    // Two more left before the first answer came back (at 20 ms): a stampede, not this rule.
    expect(noRefreshTokenReuse([first, refresh('r1', 5), refresh('r1', 10)])).toMatchObject({ ok: true });
    // Within a second of the answer: a request that may have been on its way before the app read it.
    expect(noRefreshTokenReuse([first, refresh('r1', 1000)])).toMatchObject({ ok: true });
    const late = refresh('r1', 1500);
    expect(noRefreshTokenReuse([first, refresh('r2', 300, 'r3'), late])).toEqual({
      ok: false,
      expected: 'a refresh token is never presented again once the token that replaced it has reached the app (more than 1000 ms before)',
      observed: `1 refresh_token grant(s) presented a refresh token already replaced: #${late.id} (answered 400), 1480 ms after its replacement arrived`,
    });
  });

  it('pkce-s256: plain (or no method) on a code_challenge breaks RFC 7636 §4.2; no PKCE at all is pkce\'s question', () => {
    expect(pkceS256([authorization({ code_challenge: true, code_challenge_method: 'S256' })])).toMatchObject({ ok: true });
    expect(pkceS256([authorization({ code_challenge: true, code_challenge_method: 'plain' })])).toMatchObject({ ok: false, observed: '1 authorization request(s) with code_challenge_method=plain' });
    expect(pkceS256([authorization({ code_challenge: true })])).toMatchObject({ ok: false, observed: '1 authorization request(s) with code_challenge_method=plain (absent)' });
    expect(pkceS256([authorization({ state: true })])).toMatchObject({ ok: true, observed: expect.stringMatching(/does not use PKCE/) });
  });

  it('not-text: the page must not show another person\'s name', () => {
    const page: PageSnapshot = { url: 'http://app/profile', text: 'Signed in as Mallory Example', cookies: [], lastPage: { url: 'http://app/profile', status: 200 } };
    expect(textNotShown('Mallory', page)).toEqual({ ok: false, expected: 'the page does not show "Mallory"', observed: 'the page at http://app/profile shows "Mallory" (the page says: "Signed in as Mallory Example")' });
    expect(textNotShown('Mallory', { ...page, text: 'Signed in as Alice Example' }).ok).toBe(true);
  });
});

describe('what a scenario requires of the app, read from the journal', () => {
  const token = (issued?: Record<string, unknown>) => entry({ endpoint: 'token', method: 'POST', path: '/token', grantType: 'authorization_code', ...(issued ? { issued } : {}) });

  it('state and nonce: an app whose authorization requests carried none does not use them (the provider\'s resume is not the app\'s request)', () => {
    const resume = entry({ endpoint: 'authorize', path: '/auth/xyz' });
    const pkceOnly = [authorization({ code_challenge: true, code_challenge_method: 'S256' }), resume];
    expect(missingCapability(['state'], pkceOnly)).toMatchObject({ capability: 'state', observed: "the app's authorization request carried no state", why: expect.stringMatching(/RFC 9700 §2\.1/) });
    expect(missingCapability(['nonce'], pkceOnly)).toMatchObject({ capability: 'nonce', observed: "the app's authorization request carried no nonce" });
    expect(missingCapability(['state', 'nonce'], [authorization({ state: true, nonce: true })])).toBeUndefined();
    // No authorization request at all: the journal cannot tell, so nothing is missing.
    expect(missingCapability(['state'], [])).toBeUndefined();
  });

  it('refresh-token: judged only when token responses came, and none issued one; userinfo: tokens came and UserInfo was never called', () => {
    expect(missingCapability(['refresh-token'], [token({ access_token: true, id_token: true })])).toMatchObject({
      capability: 'refresh-token',
      observed: 'no token response in this scenario issued the app a refresh token (1 answered 200 without one)',
      why: expect.stringMatching(/RFC 6749 §1\.5/),
    });
    expect(missingCapability(['refresh-token'], [token({ access_token: true, refresh_token: 'abc' })])).toBeUndefined();
    expect(missingCapability(['refresh-token', 'userinfo'], [])).toBeUndefined();
    expect(missingCapability(['userinfo'], [token({ access_token: true })])).toMatchObject({ capability: 'userinfo' });
    expect(missingCapability(['openid'], [authorization({ scope: 'profile email' })])).toMatchObject({ capability: 'openid' });
    expect(missingCapability(['openid'], [authorization({ scope: 'openid email' })])).toBeUndefined();
  });
});

describe('journal checks', () => {
  it('no-request and count from a step on judge only what that step and later ones caused', () => {
    const first = [authorization({ code_challenge_method: 'S256' }), redemption({ code_verifier: true })];
    const replayed = redemption({ code_verifier: true });
    const entries = [...first, { ...replayed, status: 400 }];
    const s = scenarioWith({
      idp: [
        { type: 'no-request', endpoint: 'token', fromStep: 2, loc },
        { type: 'count', endpoint: 'token', status: 400, max: 0, fromStep: 2, loc },
        { type: 'count', endpoint: 'token', grant_type: 'authorization_code', min: 1, max: 1, loc },
        { type: 'no-request', endpoint: 'userinfo', fromStep: 2, loc },
      ],
    });
    const checks = journalChecks(s, entries, { stepMarks: [0, first.at(-1)!.id] });
    expect(checks).toEqual([
      {
        ok: false,
        expected: 'from step 2 on, no request to the token endpoint',
        observed: 'from step 2 on, 1 request(s) to the token endpoint: POST /token grant_type=authorization_code → 400',
      },
      { ok: false, expected: 'from step 2 on, at most 0 request(s) to the token endpoint answered 400', observed: 'from step 2 on, 1 request(s) to the token endpoint answered 400' },
      { ok: false, expected: '1–1 request(s) to the token endpoint with grant_type=authorization_code', observed: '2 request(s) to the token endpoint with grant_type=authorization_code' },
      { ok: true, expected: 'from step 2 on, no request to the userinfo endpoint', observed: 'from step 2 on, no request to the userinfo endpoint' },
    ]);
  });

  it('a step that never ran caused nothing', () => {
    const s = scenarioWith({ idp: [{ type: 'no-request', endpoint: 'token', fromStep: 2, loc }] });
    expect(journalChecks(s, [redemption({})], { stepMarks: [0] })[0]!.ok).toBe(true);
  });

  it('order: a subsequence, others allowed between; says which request is missing or came too early', () => {
    const entries = [entry({ endpoint: 'discovery' }), authorization({}), entry({ endpoint: 'jwks' }), redemption({}), entry({ endpoint: 'userinfo' })];
    expect(order([{ endpoint: 'discovery' }, { endpoint: 'token', grant_type: 'authorization_code' }, { endpoint: 'userinfo' }], entries)).toEqual({
      ok: true,
      expected: 'requests in this order: discovery document request → token endpoint request (authorization_code) → userinfo endpoint request',
      observed: 'the requests came in order: discovery document request → token endpoint request (authorization_code) → userinfo endpoint request',
    });
    expect(order([{ endpoint: 'token' }, { endpoint: 'authorize' }], entries)).toMatchObject({ ok: false, observed: 'the authorization endpoint request came only before the token endpoint request' });
    expect(order([{ endpoint: 'authorize' }, { endpoint: 'token', grant_type: 'refresh_token' }], entries)).toMatchObject({ ok: false, observed: 'no token endpoint request (refresh_token)' });
  });

  it('pkce: S256 on every authorization request and a code_verifier on every redemption; the login resume is not the app’s request', () => {
    const resume = entry({ endpoint: 'authorize', path: '/auth/abc123' });
    expect(pkce([authorization({ code_challenge: true, code_challenge_method: 'S256' }), resume, redemption({ code_verifier: true })])).toEqual({
      ok: true,
      expected: 'PKCE: code_challenge_method=S256 on every authorization request and a code_verifier on every code redemption',
      observed: 'S256 on 1 authorization request(s), a code_verifier on 1 code redemption(s)',
    });
    expect(pkce([authorization({ code_challenge: true, code_challenge_method: 'plain' })])).toMatchObject({ ok: false, observed: 'an authorization request with code_challenge_method=plain' });
    expect(pkce([authorization({ code_challenge: true })])).toMatchObject({ ok: false, observed: 'an authorization request with code_challenge_method=plain (absent)' });
    expect(pkce([authorization({}), authorization({})])).toMatchObject({ ok: false, observed: 'an authorization request without a code_challenge' });
    expect(pkce([authorization({ code_challenge: true, code_challenge_method: 'S256' }), redemption({})])).toMatchObject({ ok: false, observed: 'a code redemption without a code_verifier' });
    expect(pkce([resume])).toMatchObject({ ok: false, observed: 'the app sent no authorization request to judge' });
  });

  it('gave-up-within: every page load answered in time, with the hung provider request as the why', () => {
    const hung = entry({ endpoint: 'token', method: 'POST', path: '/token', status: 0, outcome: 'hang', durationMs: 10_000 });
    const connection = entry({ endpoint: 'transport', path: '', durationMs: 9_000 });
    const quick = { answered: [{ url: 'http://app/callback?code=x', status: 400, ms: 5020 }], unanswered: [] };
    expect(gaveUpWithin(8000, quick, [connection, hung])).toEqual({
      ok: true,
      expected: 'the app answers every page load within 8000 ms, even while the provider hangs',
      observed: 'every page load was answered, the slowest in 5 s; meanwhile the token endpoint hung',
    });
    const stuck = { answered: [{ url: 'http://app/', status: 200, ms: 12 }], unanswered: [{ url: 'http://app/callback?code=x', ms: 12_050, error: STILL_WAITING }] };
    expect(gaveUpWithin(8000, stuck, [hung])).toMatchObject({ ok: false, observed: '/callback?code=x was still waiting after 12 s — it had not given up (8000 ms); meanwhile the token endpoint hung' });
    expect(gaveUpWithin(1000, quick, [])).toMatchObject({ ok: false, observed: '/callback?code=x answered 400 after 5 s — it gave up, but over 1000 ms' });
    const reset = { answered: [], unanswered: [{ url: 'http://app/callback', ms: 9000, error: 'net::ERR_CONNECTION_RESET' }] };
    expect(gaveUpWithin(1000, reset, [])).toMatchObject({ ok: false, observed: '/callback got no answer in 9 s (net::ERR_CONNECTION_RESET)' });
    expect(gaveUpWithin(1000, undefined, [])).toMatchObject({ ok: false, observed: 'page loads were not timed (no user agent)' });
  });

  it('gave-up-within: page judges against the target config\'s budget, and tells late from never', () => {
    const late = { answered: [{ url: 'http://app/callback', status: 502, ms: 31_200 }], unanswered: [] };
    expect(gaveUpWithin(allowedMs({ budget: 'page' }, { pageMs: 10_000 }), late, [], 'page')).toEqual({
      ok: false,
      expected: 'the app answers every page load within the page budget of 10 s, even while the provider hangs',
      observed: '/callback answered 502 after 31 s — it gave up, but over the page budget of 10 s',
    });
    expect(allowedMs({ budget: 'page' }, undefined)).toBe(70_000);
    expect(allowedMs({ ms: 500, budget: 'page' }, { pageMs: 10_000 })).toBe(500);
    // Watched past the budget by half as much again, between 2 and 15 s more.
    expect([observedMs(1000), observedMs(10_000), observedMs(70_000)]).toEqual([3000, 15_000, 85_000]);
  });

  it('passes the expectation’s own severity to its check, and only then', () => {
    const s = scenarioWith({ idp: [{ type: 'pkce', severity: 'should', loc }, { type: 'no-request', endpoint: 'token', loc }] });
    const [withOverride, without] = journalChecks(s, [authorization({})]);
    expect(withOverride).toMatchObject({ ok: false, severity: 'should' });
    expect(without).not.toHaveProperty('severity');
  });
});

describe('page checks', () => {
  const page = (p: Partial<PageSnapshot> = {}): PageSnapshot => ({
    url: 'http://app/callback?code=x&state=y',
    text: 'Sign-in failed\nThe state did not match.',
    lastPage: { url: 'http://app/callback?code=x&state=y', status: 400 },
    cookies: ['login'],
    ...p,
  });

  it('text, url (substring or /regex/), status (number, class, list) and cookie (present or absent)', () => {
    expect(textShown({ text: 'state did not match' }, page()).ok).toBe(true);
    expect(textShown({ text: 'Welcome' }, page())).toEqual({
      ok: false,
      expected: 'the page shows "Welcome"',
      observed: 'the page at http://app/callback?code=x&state=y does not show "Welcome" (the page says: "Sign-in failed The state did not match.")',
    });
    expect(urlMatches({ pattern: '/callback' }, page()).ok).toBe(true);
    expect(urlMatches({ pattern: '/\\/profile$/' }, page())).toEqual({ ok: false, expected: 'the browser ends at a URL matching /\\/profile$/', observed: 'the browser ended at http://app/callback?code=x&state=y' });
    expect(statusIs({ oneOf: [400] }, page()).ok).toBe(true);
    expect(statusIs({ oneOf: ['4xx'] }, page()).ok).toBe(true);
    expect(statusIs({ oneOf: [401, 403] }, page())).toEqual({
      ok: false,
      expected: 'the app’s last page answers 401 or 403',
      observed: 'the app’s last page http://app/callback?code=x&state=y answered 400',
    });
    const { lastPage: _none, ...noPage } = page();
    expect(statusIs({ oneOf: ['2xx'] }, noPage)).toMatchObject({ ok: false, observed: 'the app served no page' });
    expect(cookieCheck({ name: 'sid', present: false }, page())).toEqual({
      ok: true,
      expected: 'the browser holds no "sid" cookie for the app',
      observed: 'no "sid" cookie (the app’s cookies: login)',
    });
    expect(cookieCheck({ name: 'sid', present: true }, page({ cookies: ['sid'] }))).toMatchObject({ ok: true, observed: 'the browser holds "sid"' });
  });

  it('error-shown: by the config’s rule (any part), by the text alone without a rule, by a 4xx/5xx without either', () => {
    const rule = { text: 'Sign-in failed' };
    expect(errorShown({}, page(), rule)).toEqual({
      ok: true,
      expected: 'the app shows an error (by the target config: the page shows "Sign-in failed")',
      observed: 'an error is shown (the page shows "Sign-in failed")',
    });
    expect(errorShown({ text: 'state' }, page(), { status: ['4xx'] })).toMatchObject({ ok: true, observed: 'an error is shown (the app’s last page answered 400)' });
    expect(errorShown({ text: 'nonce' }, page(), rule)).toMatchObject({
      ok: false,
      observed: 'an error is shown (the page shows "Sign-in failed") but it does not mention "nonce" (the page says: "Sign-in failed The state did not match.")',
    });
    expect(errorShown({}, page({ text: 'Welcome', lastPage: { url: 'http://app/', status: 200 } }), rule)).toMatchObject({
      ok: false,
      observed: 'no error is shown: the browser is at http://app/callback?code=x&state=y, the app’s last page answered 200 (the page says: "Welcome")',
    });
    expect(errorShown({ text: 'state did not match' }, page({ lastPage: { url: 'http://app/', status: 200 } }), undefined)).toMatchObject({
      ok: true,
      expected: 'the app shows an error mentioning "state did not match" (no error rule in the target config: the text decides)',
    });
    expect(errorShown({}, page(), undefined)).toMatchObject({ ok: true, expected: 'the app shows an error (no error rule in the target config: a page answered 4xx or 5xx)' });
    expect(errorShown({}, page({ lastPage: { url: 'http://app/', status: 200 } }), undefined).ok).toBe(false);
    expect(errorShown({}, page({ url: 'http://app/error?reason=x', text: '' }), { url: '/error' })).toMatchObject({ ok: true });
  });

  it('no-crash: 5xx, dropped connections and an ended process are crashes; abandoned loads, timeouts and other origins are not', () => {
    const origin = 'http://app';
    expect(
      noCrash(
        {
          appResponses: [{ url: 'http://app/', status: 200 }],
          navigationFailures: [
            { url: 'http://app/callback', error: 'net::ERR_ABORTED' },
            { url: 'http://app/slow', error: 'net::ERR_TIMED_OUT' },
            { url: 'https://idp/auth', error: 'net::ERR_CONNECTION_RESET' },
          ],
        },
        origin,
      ),
    ).toEqual({
      ok: true,
      expected: 'the app does not crash: no 500 (502–504 report an upstream failure and are fine), no dropped connection, its process still runs',
      observed: 'no crash: 1 page load(s), none a crash status, and the process still runs',
    });
    // 502, 503 and 504 report a failed upstream; 500 says the app broke.
    for (const [status, ok] of [[502, true], [503, true], [504, true], [500, false], [501, false]] as const) {
      expect({ status, ok: noCrash({ appResponses: [{ url: 'http://app/callback', status }], navigationFailures: [] }, origin).ok }).toEqual({ status, ok });
    }
    expect(
      noCrash(
        {
          appResponses: [{ url: 'http://app/callback', status: 500 }],
          navigationFailures: [{ url: 'http://app/profile', error: 'net::ERR_EMPTY_RESPONSE' }],
          crashed: "the app's process ended (exit code 1)",
        },
        origin,
      ).observed,
    ).toBe("the app answered 500 at http://app/callback; the connection to http://app/profile dropped (net::ERR_EMPTY_RESPONSE); the app's process ended (exit code 1)");
  });

  it('appChecks judges each expectation of expect: in the order written, with overrides', () => {
    const evidence: AppEvidence = {
      page: page(),
      state: { signedIn: false, how: 'no page showed "Signed in as"' },
      obs: { appResponses: [{ url: 'http://app/callback', status: 400, ms: 10 }], navigationFailures: [] },
      appOrigin: 'http://app',
      errorRule: { text: 'Sign-in failed' },
    };
    const exps: AppExpectation[] = [
      { type: 'status', oneOf: [401], severity: 'may', loc },
      { type: 'app', state: 'refused', loc },
      { type: 'error-shown', loc },
      { type: 'recovers-within', ms: 100, loc },
    ];
    expect(appChecks({ expect: { app: exps, idp: [] }, spec: {} }, evidence).map((c) => [c.ok, c.severity ?? '-', c.expected])).toEqual([
      [false, 'may', 'the app’s last page answers 401'],
      [true, '-', 'the app refuses: the user is not signed in'],
      [true, '-', 'the app shows an error (by the target config: the page shows "Sign-in failed")'],
      [false, '-', 'once the faults end, the user is signed in within 100 ms'],
      [true, 'should', 'the app answers the failure with an error page, not an unhandled 500'],
    ]);
  });

  it('refused is refused whatever the status: a 500 refusal meets `app: refused` and breaks only the error-page rule, a SHOULD', () => {
    const evidence: AppEvidence = {
      page: page(),
      state: { signedIn: false, how: 'no page showed "Signed in as"' },
      obs: { appResponses: [{ url: 'http://app/login', status: 500, ms: 10 }], navigationFailures: [] },
      appOrigin: 'http://app',
    };
    const quoted = { source: 'OpenID Connect Discovery 1.0 §4.3', quote: 'the information that failed to validate MUST NOT be used.' };
    const checks = appChecks({ expect: { app: [{ type: 'app', state: 'refused', severity: 'must', spec: 'issuer', loc } as AppExpectation], idp: [] }, spec: { issuer: quoted } }, evidence);
    expect(checks).toEqual([
      { ok: true, severity: 'must', spec: quoted, expected: 'the app refuses: the user is not signed in', observed: 'refused: no page showed "Signed in as"; the app answered 500 at http://app/login' },
      {
        ok: false,
        severity: 'should',
        expected: 'the app answers the failure with an error page, not an unhandled 500',
        observed: 'the app answered 500 at http://app/login: a 500 says the app itself broke (502–504 would say the provider did, RFC 9110 §15.6)',
      },
    ]);
    expect(verdictOf(checks, 'must')).toEqual({ verdict: 'warn', broken: 'should' });
    // A scenario that judges crashes itself (no-crash) carries no second rule for the same 500.
    const withNoCrash = appChecks({ expect: { app: [{ type: 'app', state: 'refused', loc }, { type: 'no-crash', loc }] as AppExpectation[], idp: [] }, spec: {} }, evidence);
    expect(withNoCrash.map((c) => c.expected)).toEqual(['the app refuses: the user is not signed in', expect.stringMatching(/^the app does not crash/)]);
  });
});

describe('recovers-within', () => {
  const view = (v: Partial<FaultView>): FaultView => ({ id: 'f1', kind: 'http.error', params: { status: 503 }, when: {}, createdAt: at(0), matched: 0, applied: 0, ...v });
  const faulted = (ms: number, duration: number) => ({ ...entry({ endpoint: 'discovery', status: 503 }, ms), durationMs: duration, faults: [{ id: 'f1', kind: 'http.error', effect: 'answered 503' }] });

  it('the recovery point: the end of the last request a spent fault changed, or the last fault change, or the start', () => {
    const base = { startedAt: T, faultChanges: [], entries: [], now: T + 60_000 };
    expect(recoveryPoint({ ...base, inForce: [view({ when: { times: 2 }, applied: 2 })], entries: [faulted(100, 5), faulted(400, 10)] })).toEqual({
      at: T + 410,
      how: 'the last request a fault changed (GET /discovery) ended',
    });
    expect(recoveryPoint({ ...base, inForce: [], faultChanges: [{ at: T + 900 }], entries: [faulted(100, 5)] })).toEqual({ at: T + 900, how: 'the faults were changed by a step' });
    expect(recoveryPoint({ ...base, inForce: [] })).toEqual({ at: T, how: 'no fault applied: from the start of the scenario' });
    expect(recoveryPoint({ ...base, inForce: [view({ when: { nth: 3 }, matched: 3, applied: 1 })], entries: [faulted(200, 1)] })).toMatchObject({ at: T + 201 });
  });

  it('no recovery point while a fault can still apply', () => {
    const base = { startedAt: T, faultChanges: [], entries: [], now: T };
    expect(recoveryPoint({ ...base, inForce: [view({ when: { times: 3 }, applied: 1 })] })).toEqual({ never: 'the faults never ended: http.error applied 1 of 3 time(s)' });
    expect(recoveryPoint({ ...base, inForce: [view({ when: { nth: 2 }, matched: 1 })] })).toEqual({ never: 'the faults never ended: http.error waits for matching request 2 (1 so far)' });
    expect(recoveryPoint({ ...base, inForce: [view({})] })).toEqual({ never: 'the faults never ended: http.error has no end' });
  });

  it('the check: signed in within the window after the point, or not', () => {
    const point = { at: T, how: 'the faults were changed by a step' };
    expect(recoveryCheck(3000, point, { at: T + 1200, how: 'the page shows "Signed in as"', attempts: 1 })).toEqual({
      ok: true,
      expected: 'once the faults end, the user is signed in within 3000 ms',
      observed: 'signed in 1200 ms after the faults were changed by a step (the harness signed in 1 time): the page shows "Signed in as"',
    });
    expect(recoveryCheck(1000, point, { at: T + 1200, how: 'x' })).toMatchObject({ ok: false, observed: 'signed in 1200 ms after the faults were changed by a step: x' });
    expect(recoveryCheck(1000, point, { how: 'no page showed "Signed in as"', attempts: 3 })).toMatchObject({
      ok: false,
      observed: 'not signed in 1000 ms after the faults were changed by a step (the harness signed in 3 times): no page showed "Signed in as"',
    });
    expect(recoveryCheck(1000, { never: 'the faults never ended: x' }, undefined)).toMatchObject({ ok: false, observed: 'the faults never ended: x' });
  });

  it('the probe: signs in again until signed in or the time is up; a user already signed in needs no try', async () => {
    const states = [false, false, true];
    let signIns = 0;
    const signedIn = await probeRecovery({
      until: Date.now() + 5000,
      pauseMs: 1,
      now: { signedIn: false, how: 'not yet', at: Date.now() },
      signIn: async () => ({ signedIn: states[signIns++]!, how: `attempt ${signIns}` }),
    });
    expect(signedIn).toMatchObject({ attempts: 3, how: 'attempt 3' });
    expect(signedIn.at).toBeGreaterThan(0);
    const already = await probeRecovery({ until: 0, now: { signedIn: true, how: 'home page', at: T + 5 }, signIn: async () => expect.unreachable() });
    expect(already).toEqual({ at: T + 5, attempts: 0, how: 'home page' });
    const never = await probeRecovery({ until: Date.now() - 1, pauseMs: 1, now: { signedIn: false, how: 'x', at: T }, signIn: async () => ({ signedIn: false, how: 'refused' }) });
    expect(never).toEqual({ attempts: 1, how: 'refused' });
  });
});

describe('verdicts and their severity', () => {
  const broken = (severity?: Check['severity']): Check => ({ ok: false, expected: 'x', observed: 'y', ...(severity ? { severity } : {}) });
  const met: Check = { ok: true, expected: 'z', observed: 'z' };

  it('a broken must fails, broken should/may alone warn; an override beats the scenario’s severity both ways', () => {
    expect(verdictOf([met], 'must')).toEqual({ verdict: 'pass' });
    expect(verdictOf([met, broken()], 'must')).toEqual({ verdict: 'fail', broken: 'must' });
    expect(verdictOf([met, broken()], 'should')).toEqual({ verdict: 'warn', broken: 'should' });
    expect(verdictOf([broken('should')], 'must')).toEqual({ verdict: 'warn', broken: 'should' });
    expect(verdictOf([broken('may'), broken('should')], 'must')).toEqual({ verdict: 'warn', broken: 'should' });
    expect(verdictOf([broken('may')], 'must')).toEqual({ verdict: 'warn', broken: 'may' });
    expect(verdictOf([broken('must')], 'may')).toEqual({ verdict: 'fail', broken: 'must' });
    expect(verdictOf([broken('should'), broken()], 'must')).toEqual({ verdict: 'fail', broken: 'must' });
  });

  it('the diagnosis leads with the strictest broken rule, marks overrides, and names faults set by steps', () => {
    const s = {
      ...scenarioWith({}),
      steps: [
        { type: 'login' as const, title: 'login as alice', loc },
        { type: 'set-faults' as const, faults: [{ kind: 'network.hang', params: {}, when: { endpoint: ['token' as const] } }], title: 'set faults network.hang', loc },
      ],
    };
    const checks: Check[] = [
      { ok: false, expected: 'an error is shown', observed: 'none was shown', severity: 'should' },
      { ok: false, expected: 'the app refuses', observed: 'the user was signed in' },
    ];
    const d = diagnose({ scenario: s, decision: { verdict: 'fail' }, checks, browser: [], entries: [] });
    expect(d.summary).toBe('Expected the app refuses, but the user was signed in (and 1 more unmet expectation).');
    expect(d.expected).toEqual(['an error is shown (SHOULD)', 'the app refuses']);
    expect(d.injected).toEqual(['network.hang when {"endpoint":["token"]} (from step 2)', '(no fault applied: the app made no request a fault matched)']);
    expect(d.why).toContain('hung');
  });
});
