import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport, ScenarioReport } from '../../reports/index.js';
import { lines, useTempFiles } from '../harness/temp-files.js';
import { carefulTarget } from '../helpers/careful-target.js';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';

/**
 * The scenario language end to end: inline scenarios using every browser-facing step and
 * expectation, run by the real CLI against examples/careful-app in real Chromium. Two scenarios
 * are built to be judged harshly — a broken `should` expectation (warn) and a broken `must`
 * override in a `should` scenario (fail) — so the run exits 1 and the severity rules are seen
 * to hold in a real report.
 */
const CONFIG = lines(
  'name: careful-language',
  ...carefulTarget('    NODE_EXTRA_CA_CERTS: "{ca.path}"'),
  'login:',
  '  url: "{app}/login"',
  'logout:',
  '  click: { role: link, name: Sign out }',
  'signed-in:',
  '  text: Signed in as',
  'error:',
  '  text: Sign-in failed',
  'pages:',
  '  profile: "{app}/profile"',
  'provider:',
  '  https: true',
  '  clients:',
  '    - client_id: demo-app',
  '      redirect_uris: ["{app}/callback"]',
  '      post_logout_redirect_uris: ["{app}/"]',
  'scenarios: [scenarios]',
);

const head = (id: string, title: string, category: string, severity = 'must') => [`id: ${id}`, `title: ${title}`, `category: ${category}`, `severity: ${severity}`];

const SCENARIOS: Record<string, string> = {
  'stops.yaml': lines(
    ...head('lang-before-provider', 'A login stopped before the provider leaves a pending login the provider never saw', 'oauth-flow'),
    'steps:',
    '  - login: { user: bob, stop: before-provider }',
    'expect:',
    '  app: refused',
    '  text: authfault stopped this login before the provider',
    '  url: /login',
    '  cookie: login',
    '  idp:',
    '    - count: { endpoint: authorize, max: 0 }',
    '    - no-request: token',
  ),
  'at-provider.yaml': lines(
    ...head('lang-at-provider', 'A login stopped at the provider shows its login form', 'oauth-flow'),
    'steps:',
    '  - login: { stop: at-provider }',
    'expect:',
    '  text: Username',
    '  url: /interaction/',
    '  cookie: { name: sid, present: false }',
    '  idp:',
    '    - count: { endpoint: authorize, min: 1 }',
    '    - no-request: token',
    '    - pkce',
  ),
  'full.yaml': lines(
    ...head('lang-full', 'Sign in, read the profile, reload, sign out through the provider', 'oauth-flow'),
    'steps:',
    '  - login: bob',
    '  - visit: profile',
    '  - reload',
    '  - wait: { ms: 200 }',
    '  - logout',
    'expect:',
    '  text: Not signed in',
    '  cookie: { name: sid, present: false }',
    '  status: 200',
    '  no-crash:',
    '  idp:',
    '    - pkce',
    '    - order: [discovery, authorize, { endpoint: token, grant_type: authorization_code }, userinfo, end_session]',
    '    - count: { endpoint: userinfo, min: 2, from_step: 2 }',
    '    - no-request: { endpoint: token, from_step: 2 }',
  ),
  'replay.yaml': lines(
    ...head('lang-replay', 'A replayed callback is refused and its code never redeemed again', 'oauth-flow'),
    'steps:',
    '  - login: alice',
    '  - replay-callback',
    'expect:',
    '  error-shown: no sign-in is in progress',
    '  status: 4xx',
    '  url: /callback?code=',
    '  no-crash:',
    '  idp:',
    '    - no-request: { endpoint: token, from_step: 2 }',
    '    - count: { endpoint: token, grant_type: authorization_code, max: 1 }',
  ),
  'wait-for.yaml': lines(
    ...head('lang-wait-for', 'wait-for returns once the provider has seen the retried code redemption', 'rate-limits'),
    'faults:',
    '  - kind: rate-limit',
    '    limit: 0',
    '    window_s: 1',
    '    retry_after_s: 1',
    '    when: { times: 1 }',
    'steps:',
    '  - login: alice',
    '  - wait-for: { request: { endpoint: token, status: 200 } }',
    '  - wait-for: Signed in as',
    'expect:',
    '  app: signed-in',
    '  idp:',
    '    - retry-after-honored: token',
    '    - count: { endpoint: token, status: 429, min: 1, max: 1 }',
  ),
  'set-clear.yaml': lines(
    ...head('lang-set-clear', 'A userinfo outage set mid-scenario is shown, and the profile works once it is cleared', 'network'),
    'steps:',
    '  - login: alice',
    '  - set-faults:',
    '      - kind: http.error',
    '        status: 503',
    '        when: { endpoint: userinfo }',
    '  - visit: profile',
    '  - expect: { text: Profile unavailable }',
    '  - clear-faults',
    '  - visit: profile',
    'expect:',
    '  url: /profile',
    '  status: 200',
    '  no-crash:',
    '  idp:',
    '    - count: { endpoint: userinfo, status: 503, min: 1, max: 1 }',
    '    - count: { endpoint: userinfo, status: 200, min: 1, from_step: 6 }',
  ),
  'recovers.yaml': lines(
    ...head('lang-recovers', 'Once a token endpoint outage ends, signing in works again within 10 s', 'network'),
    'faults:',
    '  - kind: http.error',
    '    status: 503',
    'steps:',
    '  - login: alice',
    '  - clear-faults',
    'expect:',
    '  error-shown: true',
    '  recovers-within: 10000',
    '  idp:',
    '    - count: { endpoint: token, status: 503, min: 1, max: 1 }',
  ),
  'hang.yaml': lines(
    ...head('lang-hang', 'A token endpoint that hangs is given up on within 8 s', 'network'),
    'faults:',
    '  - kind: network.hang',
    'steps:',
    '  - login: alice',
    'expect:',
    '  app: refused',
    '  error-shown: did not answer in time',
    '  no-crash:',
    '  idp:',
    '    - gave-up-within: 8000',
  ),
  'parallel.yaml': lines(
    ...head('lang-parallel', 'Four tabs load the profile at once and each is served', 'tokens'),
    'steps:',
    '  - login: alice',
    '  - parallel: { visit: profile, n: 4 }',
    'expect:',
    '  no-crash:',
    '  idp:',
    '    - count: { endpoint: userinfo, min: 4, max: 4, from_step: 2 }',
  ),
  'should-warns.yaml': lines(
    ...head('lang-should-warns', 'A broken should-expectation in a must scenario warns', 'oauth-flow'),
    'steps:',
    '  - login: alice',
    'expect:',
    '  app: signed-in',
    '  text: { shows: This text is nowhere, severity: should }',
  ),
  'must-fails.yaml': lines(
    ...head('lang-must-fails', 'A broken must-expectation in a should scenario fails', 'oauth-flow', 'should'),
    'steps:',
    '  - login: alice',
    'expect:',
    '  app: signed-in',
    '  error-shown: { severity: must }',
  ),
};

describe('the scenario language against examples/careful-app (real CLI, real Chromium)', () => {
  const files = useTempFiles();
  let result: CliResult;
  let byId: Record<string, ScenarioReport>;

  beforeAll(async () => {
    const cwd = await files({ 'authfault.config.yaml': CONFIG, ...Object.fromEntries(Object.entries(SCENARIOS).map(([name, text]) => [`scenarios/${name}`, text])) });
    const out = await mkdtemp(join(tmpdir(), 'authfault-language-'));
    result = await runCli(['run', '--config', join(cwd, 'authfault.config.yaml'), '--output', out, '--workers', '2', '--reporter', 'json'], { cwd, timeoutMs: 600_000 });
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
    byId = Object.fromEntries(report.scenarios.map((s) => [s.id, s]));
  }, 660_000);

  it('passes every scenario a correct app meets, warns on the broken should, fails on the broken must, and exits 1', () => {
    expect(result.stderr).toBe('');
    expect(Object.fromEntries(Object.entries(byId).map(([id, s]) => [id, s.verdict]))).toEqual({
      'lang-at-provider': 'pass',
      'lang-before-provider': 'pass',
      'lang-full': 'pass',
      'lang-hang': 'pass',
      'lang-must-fails': 'fail',
      'lang-parallel': 'pass',
      'lang-recovers': 'pass',
      'lang-replay': 'pass',
      'lang-set-clear': 'pass',
      'lang-should-warns': 'warn',
      'lang-wait-for': 'pass',
    });
    expect(result.code).toBe(1);
  });

  it('says which rule decided a warn or a fail, marked with its own severity', () => {
    const warned = byId['lang-should-warns']!.diagnosis!;
    expect(warned.summary).toMatch(/^Expected the page shows "This text is nowhere", but the page at http:\/\/127\.0\.0\.1:\d+\/ does not show/);
    expect(warned.expected).toEqual(['the user is signed in', 'the page shows "This text is nowhere" (SHOULD)']);
    const failed = byId['lang-must-fails']!.diagnosis!;
    expect(failed.expected).toEqual(['the user is signed in', 'the app shows an error (by the target config: the page shows "Sign-in failed") (MUST)']);
    expect(failed.summary).toMatch(/^Expected the app shows an error .*, but no error is shown: the browser is at http:\/\/127\.0\.0\.1:\d+\/, the app’s last page answered 200/);
  });

  it('stops a login before the provider with the pending login kept in the browser', () => {
    const stopped = byId['lang-before-provider']!;
    expect(stopped.steps).toEqual([expect.objectContaining({ title: 'login as bob, stopping before the provider', status: 'passed', line: 6, column: 5 })]);
    expect(stopped.evidence.journal!.filter((e) => e.endpoint !== 'transport').map((e) => e.endpoint)).toEqual(['discovery']);
  });

  it('judges steps from step n on, the order of requests and PKCE on the real journal', () => {
    const full = byId['lang-full']!;
    expect(full.steps.map((s) => [s.title, s.status])).toEqual([
      ['login as bob', 'passed'],
      ['visit profile', 'passed'],
      ['reload', 'passed'],
      ['wait 200 ms', 'passed'],
      ['logout', 'passed'],
    ]);
    expect(full.diagnosis!.observed).toEqual(expect.arrayContaining(['from step 2 on, 2 request(s) to the userinfo endpoint', 'from step 2 on, no request to the token endpoint']));
    expect(full.evidence.journal!.some((e) => e.endpoint === 'end_session')).toBe(true);
    const replay = byId['lang-replay']!;
    expect(replay.evidence.journal!.filter((e) => e.endpoint === 'token').map((e) => e.status)).toEqual([200]);
  });

  it('records faults set and cleared by steps, and measures recovery and giving up from the browser', () => {
    const setClear = byId['lang-set-clear']!;
    expect(setClear.faults).toEqual([{ kind: 'http.error', params: { status: 503 }, when: { endpoint: ['userinfo'] }, applied: 1 }]);
    expect(setClear.diagnosis!.injected[0]).toBe('http.error {"status":503} when {"endpoint":["userinfo"]} (from step 2)');
    const recovered = byId['lang-recovers']!.diagnosis!.observed.find((o) => o.startsWith('signed in '));
    expect(recovered).toMatch(/^signed in \d+ ms after the faults were changed by a step \(the harness signed in 1 time\): the page shows "Signed in as"$/);
    const hang = byId['lang-hang']!.diagnosis!.observed.find((o) => o.startsWith('every page load'));
    expect(hang).toMatch(/^every page load was answered, the slowest in \d+(\.\d)? m?s; meanwhile the token endpoint hung$/);
    expect(byId['lang-parallel']!.diagnosis!.observed).toEqual(expect.arrayContaining([expect.stringMatching(/^4 parallel loads of http:\/\/127\.0\.0\.1:\d+\/profile: 4× 200$/)]));
  });
});
