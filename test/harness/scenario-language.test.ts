import { describe, expect, it } from 'vitest';
import { renderEditorSchemas } from '../../harness/language/editor-schemas.js';
import { loadScenarioFile } from '../../harness/language/load.js';
import type { AppExpectation } from '../../harness/verdict/app/index.js';
import type { IdpExpectation } from '../../harness/verdict/idp/index.js';
import type { Step } from '../../harness/steps/index.js';
import { formatIssue } from '../../harness/util/issues.js';
import { lines, useTempFiles } from './temp-files.js';

/**
 * The scenario language: every step and expectation decoded from YAML into the runner's model,
 * and every mistake reported where it is written. Line numbers in the comments are the file's.
 */
function scenario(opts: { faults?: string[]; steps?: string[]; expect?: string[] }): string {
  return lines(
    'id: language', // 1
    'title: The language', // 2
    'category: oauth-flow', // 3
    'severity: must', // 4
    'faults:', // 5
    ...(opts.faults ?? ['  - kind: state.tampered']), // 6…
    'steps:',
    ...(opts.steps ?? ['  - login: alice']),
    'expect:',
    ...(opts.expect ?? ['  app: refused']),
  );
}

type Unlocated<T> = T extends unknown ? Omit<T, 'loc'> : never;
const unlocated = <T extends { loc: unknown }>(items: T[]) => items.map(({ loc: _loc, ...rest }) => rest);

describe('the scenario language: steps', () => {
  const files = useTempFiles();

  async function stepsOf(...steps: string[]) {
    const cwd = await files({ 's.yaml': scenario({ steps }) });
    const { scenario: s, issues } = await loadScenarioFile('s.yaml', { cwd, pages: ['profile', 'burst'] });
    expect(issues.map(formatIssue)).toEqual([]);
    return unlocated(s!.steps) as Unlocated<Step>[];
  }

  async function issuesOf(text: string, pages = ['profile', 'burst']) {
    const cwd = await files({ 's.yaml': text });
    const { scenario: s, issues } = await loadScenarioFile('s.yaml', { cwd, pages });
    expect(s).toBeUndefined();
    return issues.map(formatIssue);
  }

  it('login: as a user, as the default user, stopping before the provider, at it, or after the callback', async () => {
    expect(
      await stepsOf(
        '  - login',
        '  - login: bob',
        '  - login: { user: bob, stop: before-provider }',
        '  - login: { stop: at-provider }',
        '  - login: { user: alice, stop: after-callback }',
      ),
    ).toEqual([
      { type: 'login', title: 'login as the default user' },
      { type: 'login', user: 'bob', title: 'login as bob' },
      { type: 'login', user: 'bob', stop: 'before-provider', title: 'login as bob, stopping before the provider' },
      { type: 'login', stop: 'at-provider', title: 'login as the default user, stopping at the provider' },
      { type: 'login', user: 'alice', stop: 'after-callback', title: 'login as alice' },
    ]);
  });

  it('logout, replay-callback, reload and clear-faults take nothing, bare or as {}', async () => {
    expect(await stepsOf('  - logout', '  - replay-callback', '  - reload: {}', '  - clear-faults')).toEqual([
      { type: 'logout', title: 'logout' },
      { type: 'replay-callback', title: 'replay the last callback' },
      { type: 'reload', title: 'reload' },
      { type: 'clear-faults', title: 'clear faults' },
    ]);
  });

  it('wait-for: text, a URL, or a journal request, with a bounded timeout', async () => {
    expect(
      await stepsOf(
        '  - wait-for: Signed in as',
        '  - wait-for: { url: /profile, timeout_ms: 3000 }',
        '  - wait-for: { request: token }',
        '  - wait-for: { request: { endpoint: token, status: 429, count: 2 } }',
        '  - wait-for: { request: { endpoint: token, grant_type: refresh_token } }',
      ),
    ).toEqual([
      { type: 'wait-for', text: 'Signed in as', timeoutMs: 10_000, title: 'wait for text "Signed in as"' },
      { type: 'wait-for', url: '/profile', timeoutMs: 3000, title: 'wait for URL /profile' },
      { type: 'wait-for', request: { endpoint: 'token', count: 1 }, timeoutMs: 10_000, title: 'wait for a token request' },
      { type: 'wait-for', request: { endpoint: 'token', status: 429, count: 2 }, timeoutMs: 10_000, title: 'wait for 2 token answered 429 requests' },
      { type: 'wait-for', request: { endpoint: 'token', grant_type: 'refresh_token', count: 1 }, timeoutMs: 10_000, title: 'wait for a token grant_type=refresh_token request' },
    ]);
  });

  it('parallel: n loads of a named page or a URL; wait: ms, seconds, or until the access token has expired', async () => {
    expect(
      await stepsOf(
        '  - parallel: { visit: burst, n: 5 }',
        '  - parallel: { url: /profile, n: 2 }',
        '  - wait: { ms: 1500 }',
        '  - wait: { seconds: 2 }',
        '  - wait: { until: access-token-expired }',
        '  - wait: { until: access-token-expired, timeout_ms: 4000 }',
      ),
    ).toEqual([
      { type: 'parallel', n: 5, page: 'burst', title: '5 parallel loads of burst' },
      { type: 'parallel', n: 2, url: '/profile', title: '2 parallel loads of /profile' },
      { type: 'wait', ms: 1500, title: 'wait 1500 ms' },
      { type: 'wait', ms: 2000, title: 'wait 2 s' },
      { type: 'wait', until: 'access-token-expired', timeoutMs: 10_000, title: 'wait until the access token has expired' },
      { type: 'wait', until: 'access-token-expired', timeoutMs: 4000, title: 'wait until the access token has expired' },
    ]);
  });

  it('set-faults: faults decoded exactly as top-level ones, defaults applied', async () => {
    expect(await stepsOf('  - set-faults:', '      - kind: token.expired', '        token: access_token', '        when: { times: 1 }', '      - kind: http.error', '        status: 503')).toEqual([
      {
        type: 'set-faults',
        faults: [
          { kind: 'token.expired', params: { token: 'access_token', by_s: 360 }, when: { times: 1 } },
          { kind: 'http.error', params: { status: 503 }, when: {} },
        ],
        title: 'set faults token.expired, http.error',
      },
    ]);
  });

  it('reports step mistakes where they are written', async () => {
    const text = scenario({
      steps: [
        '  - login: { user: bob, stop: at-callback }', // 8
        '  - wait-for: {}', // 9
        '  - wait-for: { text: Hi, url: /x }', // 10
        '  - wait-for: { request: { endpoint: userinfo, grant_type: refresh_token } }', // 11
        '  - wait-for: { request: tokn, timeout_ms: 500000 }', // 12
        '  - wait: { ms: 200000 }', // 13
        '  - wait: { ms: 10, seconds: 1 }', // 14
        '  - wait: 5', // 15
        '  - parallel: { visit: burst, url: /x, n: 1 }', // 16
        '  - parallel: { visit: brust, n: 5 }', // 17
        '  - reload: now', // 18
        '  - wait: { untill: access-token-expired }', // 19
        '  - wait: { until: access-token-expire }', // 20
        '  - wait: { seconds: 3, timeout_ms: 5000 }', // 21
      ],
    });
    expect(await issuesOf(text)).toEqual([
      's.yaml:8:31 steps.0.login.stop: invalid value "at-callback" — did you mean "after-callback"? (allowed: before-provider, at-provider, after-callback)',
      's.yaml:9:15 steps.1.wait-for: wait-for needs text, url or request (allowed: text, url, request)',
      's.yaml:10:15 steps.2.wait-for: wait-for waits for one thing: text, url or request, not several (allowed: text, url, request)',
      's.yaml:11:60 steps.3.wait-for.request.grant_type: grant_type only applies to the token endpoint, not userinfo',
      's.yaml:12:26 steps.4.wait-for.request: invalid value "tokn" — did you mean "token"? (allowed: discovery, jwks, authorize, interaction, token, userinfo, introspection, revocation, end_session, api)',
      's.yaml:12:44 steps.4.wait-for.timeout_ms: must be at most 120000, got 500000',
      's.yaml:13:17 steps.5.wait.ms: must be at most 120000, got 200000',
      's.yaml:14:11 steps.6.wait: wait waits one way: ms, seconds or until, not several (allowed: ms, seconds, until)',
      's.yaml:15:11 steps.7.wait: expected a mapping (keys: ms, seconds, until, timeout_ms), got 5',
      's.yaml:16:15 steps.8.parallel: parallel loads one page: visit or url, not both (allowed: visit, url)',
      's.yaml:16:43 steps.8.parallel.n: must be at least 2, got 1',
      's.yaml:17:24 steps.9.parallel.visit: no page "brust" under pages: in the target config — did you mean "burst"? (allowed: profile, burst)',
      's.yaml:18:13 steps.10.reload: expected an empty value or a mapping, got "now"',
      's.yaml:19:11 steps.11.wait: wait needs ms, seconds or until (allowed: ms, seconds, until)',
      's.yaml:19:13 steps.11.wait.untill: unknown key "untill" — did you mean "until"? (allowed: ms, seconds, until, timeout_ms)',
      's.yaml:20:20 steps.12.wait.until: expected "access-token-expired", got "access-token-expire"',
      's.yaml:21:37 steps.13.wait.timeout_ms: timeout_ms only bounds wait: { until: … }; ms and seconds are exact already',
    ]);
  });

  it('set-faults: an unknown kind with the registry’s suggestion, an unknown key where the key is, an empty list', async () => {
    const text = scenario({
      steps: [
        '  - set-faults:', // 8
        '      - kind: state.tamperd', // 9
        '  - set-faults:', // 10
        '      - kind: token.expired', // 11
        '        tokne: id_token', // 12
        '  - set-faults: []', // 13
      ],
    });
    const cwd = await files({ 's.yaml': text });
    const { issues } = await loadScenarioFile('s.yaml', { cwd });
    expect(issues.map(formatIssue)).toEqual([
      's.yaml:9:15 steps.0.set-faults.0.kind: unknown fault kind "state.tamperd" — did you mean "state.tampered"? (`authfault faults` lists every kind)',
      's.yaml:12:9 steps.1.set-faults.0.tokne: unknown key "tokne" — did you mean "token"? (allowed: token, by_s, kind, when)',
      's.yaml:13:17 steps.2.set-faults: set-faults needs at least one fault; to remove every fault, use clear-faults',
    ]);
    expect(issues[0]).toMatchObject({ code: 'FAULT_UNKNOWN_KIND', suggestion: 'state.tampered' });
  });
});

describe('the scenario language: expectations about the app', () => {
  const files = useTempFiles();

  async function load(text: string) {
    const cwd = await files({ 's.yaml': text });
    return loadScenarioFile('s.yaml', { cwd });
  }

  it('decodes every expectation in both forms, in the order written, with severity overrides', async () => {
    const { scenario: s, issues } = await load(
      scenario({
        expect: [
          '  app: { is: refused, severity: must }', // 10
          '  error-shown: state', // 11
          '  no-crash:', // 12
          '  status: [400, 401, 4xx]', // 13
          '  text: { shows: Sign-in failed, severity: should }', // 14
          '  url: /callback', // 15
          '  cookie: { name: sid, present: false }', // 16
          '  idp: [pkce]', // 17
        ],
      }),
    );
    expect(issues).toEqual([]);
    expect(unlocated(s!.expect.app)).toEqual<Unlocated<AppExpectation>[]>([
      { type: 'app', state: 'refused', severity: 'must' },
      { type: 'error-shown', text: 'state' },
      { type: 'no-crash' },
      { type: 'status', oneOf: [400, 401, '4xx'] },
      { type: 'text', text: 'Sign-in failed', severity: 'should' },
      { type: 'url', pattern: '/callback' },
      { type: 'cookie', name: 'sid', present: false },
    ]);
    // A key with nothing after it is placed just after the key.
    expect(s!.expect.app[2]!.loc).toEqual({ file: 's.yaml', line: 12, column: 12 });
    expect(s!.expect.app[3]!.loc).toEqual({ file: 's.yaml', line: 13, column: 11 });
  });

  it('decodes the short forms: error-shown true, status 401, cookie by name, recovers-within in ms', async () => {
    const { scenario: s, issues } = await load(
      scenario({
        faults: ['  - kind: http.error', '    status: 503', '    when: { endpoint: discovery, times: 2 }'],
        expect: ['  error-shown: true', '  status: 401', '  cookie: sid', '  recovers-within: 5000', '  no-crash: { severity: should }'],
      }),
    );
    expect(issues).toEqual([]);
    expect(unlocated(s!.expect.app)).toEqual([
      { type: 'error-shown' },
      { type: 'status', oneOf: [401] },
      { type: 'cookie', name: 'sid', present: true },
      { type: 'recovers-within', ms: 5000 },
      { type: 'no-crash', severity: 'should' },
    ]);
  });

  it('reports expectation mistakes where they are written', async () => {
    const { issues } = await load(
      scenario({
        expect: [
          '  app: { is: refusd }', // 10
          '  error-shown: false', // 11
          '  status: { is: [400, 4x] }', // 12
          '  cookie: { name: sid, present: maybe }', // 13
          '  text: { shows: Hi, severity: must-have }', // 14
          '  recovers-within: 0', // 15
          '  signed-in: true', // 16
        ],
      }),
    );
    expect(issues.map(formatIssue)).toEqual([
      's.yaml:10:14 expect.app.is: invalid value "refusd" — did you mean "refused"? (allowed: signed-in, refused)',
      's.yaml:11:16 expect.error-shown: write true (or nothing after the key), or leave the key out: false expects nothing',
      's.yaml:12:23 expect.status.is.1: expected a status class such as "4xx", got "4x"',
      's.yaml:13:33 expect.cookie.present: expected true or false, got "maybe"',
      's.yaml:14:32 expect.text.severity: invalid value "must-have" (allowed: must, should, may)',
      's.yaml:15:20 expect.recovers-within: must be at least 1, got 0',
      's.yaml:16:3 expect.signed-in: unknown key "signed-in" (allowed: app, error-shown, no-crash, status, text, not-text, url, cookie, recovers-within, idp)',
    ]);
  });

  it('recovers-within needs the faults to end: when.times, when.nth, or a clear-faults step after them', async () => {
    const endless = await load(scenario({ faults: ['  - kind: http.error', '    status: 503'], expect: ['  recovers-within: 3000'] }));
    expect(endless.issues.map(formatIssue)).toEqual([
      's.yaml:11:20 expect.recovers-within: recovers-within needs the faults to end, but http.error never stops: add a clear-faults step after it, or give it when.times',
    ]);
    expect(endless.issues[0]!.code).toBe('NO_RECOVERY_POINT');
    const cleared = await load(scenario({ faults: ['  - kind: http.error', '    status: 503'], steps: ['  - login', '  - clear-faults'], expect: ['  recovers-within: 3000'] }));
    expect(cleared.issues).toEqual([]);
    const nth = await load(scenario({ faults: ['  - kind: http.error', '    status: 503', '    when: { nth: 1 }'], expect: ['  recovers-within: 3000'] }));
    expect(nth.issues).toEqual([]);
    const setAgain = await load(
      scenario({ faults: [], steps: ['  - clear-faults', '  - set-faults: [{ kind: network.hang }]', '  - login'], expect: ['  recovers-within: 3000'] }).replace('faults:\nsteps', 'faults: []\nsteps'),
    );
    expect(setAgain.issues.map((i) => i.code)).toEqual(['NO_RECOVERY_POINT']);
  });
});

describe('the scenario language: expectations about the journal', () => {
  const files = useTempFiles();

  async function load(...idp: string[]) {
    const cwd = await files({ 's.yaml': scenario({ steps: ['  - login: alice', '  - replay-callback'], expect: ['  idp:', ...idp] }) });
    return loadScenarioFile('s.yaml', { cwd });
  }

  it('decodes order, pkce, gave-up-within, from_step and severity overrides', async () => {
    const { scenario: s, issues } = await load(
      '    - no-request: { endpoint: token, from_step: 2 }',
      '    - count: { endpoint: token, status: 400, max: 0, from_step: 2, severity: should }',
      '    - order: [discovery, authorize, { endpoint: token, grant_type: authorization_code }]',
      '    - order: { requests: [authorize, token], severity: may }',
      '    - pkce',
      '    - pkce: { severity: should }',
      '    - gave-up-within: 8000',
      '    - gave-up-within: { ms: 5000, severity: should }',
      '    - tls-refused: { severity: should }',
      '    - retry-after-honored: { endpoint: token, severity: may }',
      '    - single-flight-refresh: { severity: should }',
    );
    expect(issues).toEqual([]);
    expect(unlocated(s!.expect.idp)).toEqual<Unlocated<IdpExpectation>[]>([
      { type: 'no-request', endpoint: 'token', fromStep: 2 },
      { type: 'count', endpoint: 'token', status: 400, max: 0, fromStep: 2, severity: 'should' },
      { type: 'order', items: [{ endpoint: 'discovery' }, { endpoint: 'authorize' }, { endpoint: 'token', grant_type: 'authorization_code' }] },
      { type: 'order', items: [{ endpoint: 'authorize' }, { endpoint: 'token' }], severity: 'may' },
      { type: 'pkce' },
      { type: 'pkce', severity: 'should' },
      { type: 'gave-up-within', ms: 8000 },
      { type: 'gave-up-within', ms: 5000, severity: 'should' },
      { type: 'tls-refused', severity: 'should' },
      { type: 'retry-after-honored', endpoint: 'token', severity: 'may' },
      { type: 'single-flight-refresh', windowMs: 1000, severity: 'should' },
    ]);
  });

  it('reports journal expectation mistakes: a step that does not exist, an order of one, grant_type off the token endpoint', async () => {
    const { issues } = await load(
      '    - no-request: { endpoint: token, from_step: 3 }', // 12
      '    - order: [token]', // 13
      '    - order: [{ endpoint: userinfo, grant_type: refresh_token }, token]', // 14
      '    - pkce: yes', // 15
      '    - gave-up-within: { ms: 5000, severity: high }', // 16
      '    - no-request: { endpoint: tokn }', // 17
      '    - retry-after-honored: { endpoint: tokn }', // 18
    );
    expect(issues.map(formatIssue)).toEqual([
      's.yaml:12:49 expect.idp.0.no-request.from_step: from_step 3 names no step: the scenario has 2 steps (1 is the first)',
      's.yaml:13:14 expect.idp.1.order: must have at least 2 items',
      's.yaml:14:49 expect.idp.2.order.0.grant_type: grant_type only applies to the token endpoint, not userinfo',
      's.yaml:15:13 expect.idp.3.pkce: expected an empty value or a mapping (keys: severity, spec), got "yes"',
      's.yaml:16:45 expect.idp.4.gave-up-within.severity: invalid value "high" (allowed: must, should, may)',
      's.yaml:17:31 expect.idp.5.no-request.endpoint: invalid value "tokn" — did you mean "token"? (allowed: discovery, jwks, authorize, interaction, token, userinfo, introspection, revocation, end_session, api)',
      's.yaml:18:40 expect.idp.6.retry-after-honored.endpoint: invalid value "tokn" — did you mean "token"? (allowed: discovery, jwks, authorize, interaction, token, userinfo, introspection, revocation, end_session, api)',
    ]);
  });
});

describe('the editor schema', () => {
  const schema = JSON.parse(renderEditorSchemas().find((s) => s.file === 'scenarios/schema.json')!.text) as {
    $defs: Record<string, unknown>;
    properties: { faults: { items: unknown }; expect: { properties: Record<string, { description?: string }> } };
  };

  it('holds the fault schema once, shared by faults: and set-faults', () => {
    expect(schema.properties.faults.items).toEqual({ $ref: '#/$defs/fault' });
    expect(JSON.stringify(schema)).toContain('"set-faults":{"minItems":1,"type":"array","items":{"$ref":"#/$defs/fault"}');
  });

  it('describes every app expectation for hover text', () => {
    const keys = ['app', 'error-shown', 'no-crash', 'status', 'text', 'not-text', 'url', 'cookie', 'recovers-within', 'idp'];
    expect(Object.keys(schema.properties.expect.properties)).toEqual(keys);
    for (const key of keys) expect(schema.properties.expect.properties[key]!.description, key).toBeTruthy();
  });
});
