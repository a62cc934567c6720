import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport, ScenarioReport } from '../../reports/index.js';
import { lines, useTempFiles } from '../harness/temp-files.js';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';

const DRIVERS = ['browser', 'http'] as const;
type Driver = (typeof DRIVERS)[number];

const APP = join(ROOT, 'test/drivers/fixtures/form-app.mjs');

/** The target config of test/drivers/fixtures/form-app.mjs; `events` is the file it records its /burst loads in. */
const config = (events: string) =>
  lines(
    'name: form-app',
    'target:',
    `  command: node ${JSON.stringify(APP)}`,
    '  env:',
    '    OIDC_ISSUER: "{issuer}"',
    '    OIDC_CLIENT_ID: "{client.id}"',
    '    OIDC_CLIENT_SECRET: "{client.secret}"',
    '    PORT: "{port}"',
    '    APP_URL: "{app}"',
    `    EVENTS: ${JSON.stringify(events)}`,
    '  ready: "{app}/health"',
    // As a Rails app with OmniAuth 2 wants it: sign-in and sign-out are POST forms with a CSRF token.
    'login:',
    '  click: { role: button, name: Sign in with authfault }',
    'logout:',
    '  click: { role: button, name: Sign out }',
    'signed-in:',
    '  text: Signed in as',
    'error:',
    '  text: Sign-in failed',
    'pages:',
    '  profile: "{app}/profile"',
    '  burst: "{app}/burst?n=5"',
    // The hang scenario's budget: the app never answers, so any budget shows it; a short one keeps the test short.
    'budgets:',
    '  page: 8s',
    'provider:',
    '  clients:',
    '    - client_id: demo-app',
    '      redirect_uris: ["{app}/callback"]',
    'scenarios:',
    `  - ${JSON.stringify(join(ROOT, 'scenarios/network/network-hang-token.yaml'))}`,
    `  - ${JSON.stringify(join(ROOT, 'scenarios/oauth-flow/authorize-server-error.yaml'))}`,
    `  - ${JSON.stringify(join(ROOT, 'scenarios/tokens/token-ttl-access-token.yaml'))}`,
    '  - suite',
  );

const scenario = (id: string, title: string, ...rest: string[]) => lines(`id: ${id}`, `title: ${title}`, 'category: oauth-flow', 'severity: should', ...rest);

/** Inline scenarios, one file each. */
const SUITE: Record<string, string> = {
  'suite/form-login-logout.yaml': scenario(
    'form-login-logout',
    'Signs in and out with the app’s CSRF-protected forms',
    'steps:',
    '  - login: alice',
    '  - expect: { text: Signed in as alice }',
    '  - logout',
    'expect:',
    '  app: refused',
    '  text: Not signed in',
    '  idp:',
    '    - count: { endpoint: token, min: 1, max: 1 }',
  ),
  'suite/click-fill.yaml': scenario(
    'click-fill',
    'Follows a link, types into a labelled field, ticks nothing, submits the form',
    'steps:',
    '  - login: bob',
    '  - click: { role: link, name: Search }',
    '  - fill: { label: Search for, value: refresh tokens }',
    '  - click: { role: button, name: Search }',
    '  - expect: { text: Results for refresh tokens, url: /results?q=refresh+tokens }',
    '  - click: Home',
    'expect:',
    '  app: signed-in',
    '  text: Signed in as bob',
  ),
  'suite/provider-by-hand.yaml': scenario(
    'provider-by-hand',
    'Types a user name into the provider’s own form and signs in',
    'steps:',
    '  - login: { stop: at-provider }',
    '  - fill: { label: Username, value: carol }',
    '  - click: { selector: "button:not([name])" }',
    'expect:',
    '  app: signed-in',
    '  text: Signed in as carol',
  ),
  'suite/needs-script.yaml': scenario('needs-script', 'Clicks a button only a script acts on', 'steps:', '  - goto: /script', '  - click: Load more', 'expect:', '  text: Loaded by a script'),
  'suite/parallel-burst.yaml': scenario('parallel-burst', 'Five loads of one page at once, one session', 'steps:', '  - login: alice', '  - parallel: { visit: burst, n: 5 }', 'expect:', '  app: signed-in', '  no-crash: true'),
};

/** What form-app recorded of its /burst loads. */
interface BurstEvent {
  event: 'arrived' | 'answered';
  n: number;
  at: number;
}

/**
 * One verdict per driver: the same scenarios against the same server-rendered app
 * (test/drivers/fixtures/form-app.mjs), once in real Chromium and once over http, by the real
 * CLI. Each driver must reach the same verdict, for the app's reasons — never `error` because
 * one of them waited forever or read a response differently.
 */
describe('the browser and http drivers reach the same verdicts (real CLI, real Chromium, a server-rendered app)', () => {
  const files = useTempFiles();
  const runs = {} as Record<Driver, { result: CliResult; report: RunReport; events: BurstEvent[] }>;
  const scenario = (driver: Driver, id: string): ScenarioReport => {
    const found = runs[driver].report.scenarios.find((s) => s.id === id);
    if (!found) throw new Error(`no scenario ${id} in the ${driver} run`);
    return found;
  };

  beforeAll(async () => {
    for (const driver of DRIVERS) {
      const dir = await files(SUITE);
      const out = join(dir, 'out');
      const configFile = join(dir, 'authfault.config.yaml');
      await writeFile(configFile, config(join(dir, 'events.jsonl')));
      const result = await runCli(['run', '--config', configFile, '--driver', driver, '--workers', '1', '--trace', 'off', '--reporter', 'list,json', '--output', out], { cwd: dir, timeoutMs: 240_000 });
      const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
      const events = (await readFile(join(dir, 'events.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as BurstEvent);
      runs[driver] = { result, report, events };
    }
  }, 500_000);

  it('judges a callback that never answers (no timeout on the token request) in both drivers: warn (no spec sets the time: a SHOULD), with the load still waiting as evidence, never error', () => {
    for (const driver of DRIVERS) {
      const hang = scenario(driver, 'network-hang-token');
      expect(hang.verdict, `${driver}: ${hang.diagnosis?.summary}`).toBe('warn');
      const observed = hang.diagnosis!.observed.join('\n');
      expect(observed).toMatch(/signing in at the provider failed: no answer from http:\/\/127\.0\.0\.1:\d+\/callback\?code=\S+ within 10000 ms/);
      expect(observed).toMatch(/\/callback\?code=\S+ was still waiting after \d+(\.\d)? s — it had not given up \(the page budget of 8 s\); meanwhile the token endpoint hung/);
    }
  });

  it('runs a parallel step\'s loads at once in both drivers: all five reach the app before it answers the first', () => {
    for (const driver of DRIVERS) {
      const burst = scenario(driver, 'parallel-burst');
      expect(burst.verdict, `${driver}: ${burst.diagnosis?.summary}`).toBe('pass');
      expect(burst.diagnosis!.observed).toContainEqual(expect.stringMatching(/^5 parallel loads of http:\/\/127\.0\.0\.1:\d+\/burst\?n=5: 5× 200$/));
      const { events } = runs[driver];
      const arrived = events.filter((e) => e.event === 'arrived').map((e) => e.at);
      const firstAnswer = Math.min(...events.filter((e) => e.event === 'answered').map((e) => e.at));
      // form-app holds every answer until all five have arrived (or 5 s have passed): loads sent
      // one after another would arrive only after the one before was answered.
      expect(arrived, driver).toHaveLength(5);
      expect(arrived.filter((at) => at > firstAnswer), driver).toEqual([]);
    }
  });

  it('reads a response with bytes after its end as a browser does — the page, not a dropped connection — and notes the bytes over http', () => {
    for (const driver of DRIVERS) {
      const error = scenario(driver, 'authorize-server-error');
      expect(error.verdict, `${driver}: ${error.diagnosis?.summary}`).toBe('pass');
      expect(error.diagnosis!.observed.join('\n'), driver).not.toMatch(/ERR_INVALID_HTTP_RESPONSE|dropped/);
    }
    expect(scenario('http', 'authorize-server-error').diagnosis!.observed).toContainEqual(
      expect.stringMatching(
        /^the answer from http:\/\/127\.0\.0\.1:\d+\/callback\?error=server_error&\S+ \(200\) went on after its end: 1\d\d more bytes on the connection, starting "<!DOCTYPE HTML PUBLIC .*" — not HTTP; a browser shows the answer, drops them and closes the connection, as this driver did$/,
      ),
    );
  });

  it('holds an app that never refreshes to the token lifetime in both drivers: UserInfo refuses the expired token (no 15 s of grace), and the error page the app then shows is a broken SHOULD', () => {
    for (const driver of DRIVERS) {
      const ttl = scenario(driver, 'token-ttl-access-token');
      expect(ttl.verdict, `${driver}: ${ttl.diagnosis?.summary}`).toBe('warn');
      // For the SHOULD that the app shows the profile after the token expired, not only for the MAY
      // that it refreshes: with UserInfo's 15 s of grace the page showed "Signed in as" (200).
      expect(ttl.broken, driver).toBe('should');
      expect(ttl.diagnosis!.observed, driver).toContainEqual(expect.stringMatching(/\/profile answered 502$/));
      const journal = ttl.evidence.journal ?? [];
      const userinfo = journal.filter((e) => e.endpoint === 'userinfo');
      expect(userinfo.map((e) => e.status), driver).toEqual([401]);
      expect(journal.filter((e) => e.grantType === 'refresh_token'), driver).toEqual([]);
    }
  });

  it('clicks and types over http as in the browser: a login and a logout by CSRF-protected POST forms, a link, a labelled field, the provider’s own form', () => {
    for (const driver of DRIVERS) {
      for (const id of ['form-login-logout', 'click-fill', 'provider-by-hand']) {
        const s = scenario(driver, id);
        expect(s.verdict, `${driver} ${id}: ${s.diagnosis?.summary}`).toBe('pass');
      }
    }
    // Sign-in started with the home page's form: POST /auth/oidc carried the CSRF token, or the app would have answered 422.
    expect(scenario('http', 'form-login-logout').diagnosis!.observed.join('\n')).not.toMatch(/422|authenticity/);
  });

  it('skips over http, saying which element and why, only what needs a script — which the browser runs', () => {
    expect(scenario('browser', 'needs-script').verdict).toBe('pass');
    const skipped = scenario('http', 'needs-script');
    expect(skipped.verdict).toBe('skipped');
    expect(skipped.diagnosis!.summary).toMatch(
      /^Skipped: this scenario runs over http, and \S*needs-script\.yaml:7:5: clicking "Load more" needs a browser: it is a button of type "button", which does only what a script makes it do \(at http:\/\/127\.0\.0\.1:\d+\/script\)\.$/,
    );
    expect(skipped.steps.map((s) => s.status)).toEqual(['passed', 'skipped']);
  });
});
