import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';

/**
 * The example targets on relying-party libraries of other stacks, started by authfault from their
 * own target configs, sign a user in — in the browser and over plain HTTP — and do it the way
 * their library does (what each sends is read from the provider's journal, so a target that
 * quietly ran something else would fail here). The whole suite against them, held to their
 * README tables, is a separate and much longer run.
 *
 * Needs Debian's apache2, libapache2-mod-auth-openidc, python3-flask, python3-authlib and
 * python3-requests (.ci/run installs them).
 */

type Params = Record<string, unknown>;

interface Smoke {
  result: CliResult;
  report: RunReport;
  /** The authorization requests (the app's, and the provider's own second leg after its login page). */
  authorize: Params[];
  token: Params[];
  endpoints: string[];
}

/** Every folder the runs made, removed once the tests are done. */
const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function scratch(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

async function happyPath(app: string, driver: 'browser' | 'http', env: NodeJS.ProcessEnv = {}): Promise<Smoke> {
  const out = await scratch(`authfault-smoke-${app}-`);
  const result = await runCli(['run', '--config', `examples/${app}/authfault.config.yaml`, '--grep', 'happy-path', '--driver', driver, '--trace', 'off', '--output', out], { env, timeoutMs: 110_000 });
  const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
  const journal = report.scenarios[0]?.evidence.journal ?? [];
  return {
    result,
    report,
    authorize: journal.filter((e) => e.endpoint === 'authorize').map((e) => e.params ?? {}),
    token: journal.filter((e) => e.endpoint === 'token').map((e) => e.params ?? {}),
    endpoints: journal.map((e) => e.endpoint),
  };
}

function expectSignedIn(smoke: Smoke) {
  expect(smoke.report.scenarios.map((s) => `${s.id}: ${s.verdict} ${s.diagnosis?.summary ?? ''}`)).toEqual([expect.stringMatching(/^happy-path: pass/)]);
  expect(smoke.result.stderr).toBe('');
  expect(smoke.result.code).toBe(0);
  expect(smoke.authorize.length).toBeGreaterThan(0);
}

describe.each(['browser', 'http'] as const)('the example targets of other stacks sign a user in (%s driver)', (driver) => {
  describe('examples/apache-oidc: Apache httpd + mod_auth_openidc', () => {
    let smoke: Smoke;
    let tmp: string;
    beforeAll(async () => {
      // start.sh makes its folder under TMPDIR (so does Playwright, for its own cache). Open to
      // all like /tmp: started as root, Apache serves as nobody, who must get through it.
      tmp = await scratch('authfault-apache-tmp-');
      await chmod(tmp, 0o1777);
      smoke = await happyPath('apache-oidc', driver, { TMPDIR: tmp });
    }, 120_000);

    it('signs alice in', () => expectSignedIn(smoke));

    it('sends state and nonce and no PKCE (the module’s defaults), and reads UserInfo at sign-in', () => {
      for (const params of smoke.authorize) expect(params).toMatchObject({ state: true, nonce: true, response_type: 'code' });
      for (const params of smoke.authorize) expect(params).not.toHaveProperty('code_challenge');
      expect(smoke.token).toEqual([expect.not.objectContaining({ code_verifier: true })]);
      expect(smoke.endpoints.slice(smoke.endpoints.indexOf('token'))).toContain('userinfo');
    });

    it('leaves nothing behind: its temporary folder is gone once Apache has ended', async () => {
      // A watcher removes it when Apache's process is gone, a moment after authfault has seen its port close.
      const left = async () => (await readdir(tmp)).filter((name) => name.startsWith('authfault-apache-'));
      for (const deadline = Date.now() + 5000; (await left()).length > 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await left()).toEqual([]);
    });
  });

  describe('examples/flask-authlib: Flask + Authlib', () => {
    let smoke: Smoke;
    beforeAll(async () => {
      smoke = await happyPath('flask-authlib', driver);
    }, 120_000);

    it('signs alice in', () => expectSignedIn(smoke));

    it('sends state and nonce and no PKCE (Authlib’s defaults), and takes the identity from the id_token alone', () => {
      for (const params of smoke.authorize) expect(params).toMatchObject({ state: true, nonce: true, response_type: 'code', scope: 'openid email profile' });
      for (const params of smoke.authorize) expect(params).not.toHaveProperty('code_challenge');
      expect(smoke.endpoints).not.toContain('userinfo');
    });
  });

  describe('examples/pkce-app: openid-client 6 with PKCE alone', () => {
    let smoke: Smoke;
    beforeAll(async () => {
      smoke = await happyPath('pkce-app', driver);
    }, 120_000);

    it('signs alice in', () => expectSignedIn(smoke));

    it('sends PKCE S256 and neither state nor nonce, as the library’s quick start does against a server that supports PKCE', () => {
      for (const params of smoke.authorize) expect(params).toMatchObject({ code_challenge: true, code_challenge_method: 'S256' });
      for (const params of smoke.authorize) expect(params).not.toHaveProperty('state');
      for (const params of smoke.authorize) expect(params).not.toHaveProperty('nonce');
      expect(smoke.token).toEqual([expect.objectContaining({ code_verifier: true })]);
    });
  });
});
