import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { bundledSuiteDir } from '../../harness/config/defaults.js';
import { loadScenarios } from '../../harness/language/load.js';
import { authorizationRequest } from '../helpers/authorization-request.js';
import { loginThroughProvider } from '../helpers/http-login.js';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';

interface ReadyLine {
  issuer: string;
  admin: string;
  seed: string;
  tenants: { issuer: string; admin: string; on_demand: boolean; max: number };
  clients: { client_id: string; client_secret: string | null; redirect_uris: string[]; grant_types: string[] }[];
  users: { id: string }[];
}

describe('authfault idp and authfault fault (real processes)', () => {
  let idp: ChildProcess;
  let ready: ReadyLine;
  let firstLines: string[];
  // With --json the banner goes to stderr; it is whole once its last line is.
  let banner = '';
  let bannerPrinted: Promise<void>;

  beforeAll(async () => {
    idp = spawn(process.execPath, [CLI, 'idp', '--port', '0', '--json', '--seed', 'cafe0001'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    bannerPrinted = new Promise((resolve) => {
      idp.stderr!.on('data', (d: Buffer) => {
        banner += d.toString();
        if (banner.includes('Ctrl-C stops the provider.')) resolve();
      });
    });
    const lines = createInterface({ input: idp.stdout! });
    firstLines = [];
    ready = await new Promise<ReadyLine>((resolve, reject) => {
      idp.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}`)));
      lines.once('line', (line) => {
        firstLines.push(line);
        resolve(JSON.parse(line) as ReadyLine);
      });
    });
  });
  afterAll(() => {
    idp.kill('SIGTERM');
  });

  it('prints exactly one JSON line once ready, with issuer, admin, clients and users', async () => {
    expect(ready.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/default$/);
    expect(ready.admin).toBe(`${new URL(ready.issuer).origin}/__authfault`);
    expect(ready.seed).toBe('cafe0001');
    expect(ready.clients).toEqual([
      { client_id: 'demo-app', client_secret: expect.any(String), redirect_uris: [], any_loopback_redirect_uri: true, grant_types: ['authorization_code', 'refresh_token', 'client_credentials'] },
    ]);
    expect(ready.users.map((u) => u.id)).toEqual(['alice', 'bob']);
    const res = await fetch(`${ready.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(firstLines).toHaveLength(1);
  });

  it('fault add / list / clear change the running provider, and a real client sees it', async () => {
    const demo = ready.clients[0]!;
    const added = await runCli(['fault', 'add', 'rate-limit', '--param', 'limit=0', '--param', 'retry_after_s=7', '--when', 'times=1', '--idp', ready.issuer]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^f\d+  rate-limit  \{"limit":0,"window_s":60,"retry_after_s":7,[^\n]*\}  when \{"times":1\}\n$/);

    const config = await client.discovery(new URL(ready.issuer), demo.client_id, demo.client_secret!, undefined, { execute: [client.allowInsecureRequests] });
    const refused = await client.clientCredentialsGrant(config).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'ResponseBodyError', status: 429, error: 'temporarily_unavailable' });
    expect((await client.clientCredentialsGrant(config)).access_token).toBeTruthy();

    const listed = await runCli(['fault', 'list', '--idp', ready.issuer]);
    expect(listed.stdout).toMatch(/rate-limit .* matched 2, applied 1/);
    const cleared = await runCli(['fault', 'clear', '--idp', ready.issuer]);
    expect(cleared).toMatchObject({ code: 0, stdout: 'removed every fault\n' });
    expect((await runCli(['fault', 'list', '--idp', ready.issuer])).stdout).toBe('no faults set\n');
  });

  it('refuses a bad fault with exit 2, the path, the allowed values and a suggestion', async () => {
    const typo = await runCli(['fault', 'add', 'rate-limt', '--idp', ready.issuer]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('kind: unknown fault kind "rate-limt" — did you mean "rate-limit"?');
    const misplaced = await runCli(['fault', 'add', 'state.tampered', '--when', 'endpoint=jwks', '--idp', ready.issuer]);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain('when.endpoint: state.tampered cannot apply at jwks (allowed: authorize)');
    const badParam = await runCli(['fault', 'add', 'token.expired', '--param', 'by=5', '--idp', ready.issuer]);
    expect(badParam.code).toBe(2);
    expect(badParam.stderr).toContain('by: unknown key "by" — did you mean "by_s"?');
  });

  it('fault add/list/clear --tenant reach that tenant only (made on first use); the ready line and the banner name the tenants', async () => {
    const origin = new URL(ready.issuer).origin;
    expect(ready.tenants).toEqual({ issuer: `${origin}/<name>`, admin: `${origin}/<name>/__authfault`, on_demand: true, max: 100 });
    await bannerPrinted;
    expect(banner).toContain(`\ntenants    ${origin}/<name> (e.g. /tenant-a): any other path is an issuer of its own — own keys, clients, users, faults; created on first use (at most 100)\n`);

    const added = await runCli(['fault', 'add', 'discovery.issuer-mismatch', '--idp', ready.issuer, '--tenant', 'tenant-a']);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^f1  discovery\.issuer-mismatch  /);
    const issuerAt = async (issuer: string) => ((await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string }).issuer;
    expect(await issuerAt(`${origin}/tenant-a`)).not.toBe(`${origin}/tenant-a`);
    expect(await issuerAt(ready.issuer)).toBe(ready.issuer);
    expect(await issuerAt(`${origin}/tenant-b`)).toBe(`${origin}/tenant-b`);

    expect((await runCli(['fault', 'list', '--idp', ready.issuer])).stdout).toBe('no faults set\n');
    // A tenant's control API URL does as well as --tenant.
    expect((await runCli(['fault', 'list', '--idp', `${origin}/tenant-a/__authfault`])).stdout).toMatch(/^f1  discovery\.issuer-mismatch  .* matched 1, applied 1\n$/);
    // So does the tenant's issuer URL: the provider says which issuer is its default one.
    expect((await runCli(['fault', 'list', '--idp', `${origin}/tenant-a`])).stdout).toMatch(/^f1  discovery\.issuer-mismatch  /);
    expect((await runCli(['fault', 'list', '--idp', `${origin}/default`])).stdout).toBe('no faults set\n');
    expect(await runCli(['fault', 'clear', '--idp', origin, '--tenant', 'tenant-a'])).toMatchObject({ code: 0, stdout: 'removed every fault\n' });
    expect(await issuerAt(`${origin}/tenant-a`)).toBe(`${origin}/tenant-a`);

    const bad = await runCli(['fault', 'list', '--idp', origin, '--tenant', 'Tenant A']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('authfault: --tenant must be a tenant\'s name, one path segment such as "tenant-a" (^[a-z0-9][a-z0-9._-]{0,62}$), got "Tenant A" [AUTHFAULT_TENANT_INVALID]\n');
  });

  it('--tenant on a provider that makes no tenants on first use: exit 2, saying how to create it', async () => {
    const fixed = await createMockProvider({ tenants: false });
    try {
      const res = await runCli(['fault', 'add', 'rate-limit', '--tenant', 'tenant-x', '--idp', fixed.origin]);
      expect(res).toMatchObject({
        code: 2,
        stderr: `authfault: no tenant "tenant-x" at ${fixed.origin}, and this provider creates none on first use (provider.tenants: false); create it with POST ${fixed.origin}/__authfault/tenants {"name": "tenant-x"} [AUTHFAULT_TENANT_NOT_FOUND]\n`,
      });
    } finally {
      await fixed.close();
    }
  });

  it('says where no provider answers, exit 2', async () => {
    const res = await runCli(['fault', 'list', '--idp', 'http://127.0.0.1:9']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^authfault: no authfault provider answers at http:\/\/127\.0\.0\.1:9\/__authfault \(/);
  });
});

describe('authfault fault against an HTTPS provider (its run CA)', () => {
  let idp: MockProviderHandle;
  beforeAll(async () => {
    idp = await createMockProvider({ https: true });
  }, 60_000);
  afterAll(() => idp?.close());

  it('without the CA says how to trust it (exit 2); with --ca or $AUTHFAULT_CA it reaches the provider', async () => {
    const untrusted = await runCli(['fault', 'list', '--idp', idp.origin]);
    expect(untrusted.code).toBe(2);
    expect(untrusted.stderr).toMatch(/serves HTTPS with a certificate this command does not trust \([A-Z_]+\): pass --ca <file>/);
    expect(untrusted.stderr).not.toMatch(/\n\s+at /);

    const added = await runCli(['fault', 'add', 'state.tampered', '--idp', idp.origin, '--ca', idp.ca!.path]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(idp.faults.list().map((f) => f.kind)).toEqual(['state.tampered']);
    expect((await runCli(['fault', 'list', '--idp', idp.origin], { env: { AUTHFAULT_CA: idp.ca!.path } })).stdout).toMatch(/^f\d+  state\.tampered /);
    expect(await runCli(['fault', 'clear', '--idp', idp.origin], { env: { AUTHFAULT_CA: idp.ca!.path } })).toMatchObject({ code: 0, stdout: 'removed every fault\n' });
    expect(idp.faults.list()).toEqual([]);

    const missing = await runCli(['fault', 'list', '--idp', idp.origin, '--ca', '/nonexistent/ca.pem']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--ca /nonexistent/ca.pem: no such file');
  }, 60_000);
});

describe('authfault idp --redirect-uri: sign in with no config file', () => {
  it('registers the callback for the built-in client, and an openid-client code flow signs in through it', async () => {
    const callback = 'http://localhost:3000/callback';
    const child = spawn(process.execPath, [CLI, 'idp', '--port', '0', '--json', '--redirect-uri', callback], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}`)));
        createInterface({ input: child.stdout! }).once('line', resolve);
      });
      const ready = JSON.parse(line) as ReadyLine;
      const demo = ready.clients[0]!;
      expect(demo).toMatchObject({ client_id: 'demo-app', redirect_uris: [callback] });
      const request = await authorizationRequest(ready.issuer, demo.client_id, callback);
      const back = await loginThroughProvider(request.url.href, callback);
      const config = await client.discovery(new URL(ready.issuer), demo.client_id, demo.client_secret!, undefined, { execute: [client.allowInsecureRequests] });
      const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce });
      expect(tokens.claims()!.sub).toBe('alice');
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('refuses a redirect URI with a fragment (RFC 6749 §3.1.2), exit 2', async () => {
    const refused = await runCli(['idp', '--port', '0', '--redirect-uri', 'http://localhost:3000/cb#x']);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toBe('authfault: --redirect-uri "http://localhost:3000/cb#x" has a fragment ("#x"), which a redirect URI must not have (RFC 6749 §3.1.2) [AUTHFAULT_BAD_OPTION]\n');
  });
});

describe('authfault idp --host 0.0.0.0 (every interface)', () => {
  /** Start it, and collect the ready line and stderr up to the end of the banner and its note. */
  async function start(env: NodeJS.ProcessEnv = {}) {
    const child = spawn(process.execPath, [CLI, 'idp', '--host', '0.0.0.0', '--port', '0', '--json'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const bannerDone = new Promise<void>((resolve) =>
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('Ctrl-C stops the provider.')) setImmediate(resolve);
      }),
    );
    const line = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}: ${stderr}`)));
      createInterface({ input: child.stdout! }).once('line', resolve);
    });
    await bannerDone;
    return { child, ready: JSON.parse(line) as ReadyLine, stderr: () => stderr };
  }

  it('names an issuer this machine reaches (127.0.0.1, not 0.0.0.0) and says how apps elsewhere get theirs', async () => {
    const { child, ready, stderr } = await start();
    try {
      expect(ready.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/default$/);
      const discovery = (await (await fetch(`${ready.issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
      expect(discovery.issuer).toBe(ready.issuer);
      const port = new URL(ready.issuer).port;
      expect(stderr()).toContain('note       listening on every interface (--host 0.0.0.0), but the issuer names 127.0.0.1, which only this machine reaches.');
      expect(stderr()).toMatch(new RegExp(`ISSUER=http://\\S+:${port}/default authfault idp --host 0\\.0\\.0\\.0 {3}\\(or provider\\.issuer in the config\\)`));
      expect(stderr()).not.toContain('0.0.0.0:');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('with ISSUER set, the issuer is that one and there is nothing to say', async () => {
    const { child, ready, stderr } = await start({ ISSUER: 'http://idp.test:9400/default' });
    try {
      expect(ready.issuer).toBe('http://idp.test:9400/default');
      expect(stderr()).not.toContain('listening on every interface');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('authfault idp --config with a target config whose redirect URIs say {app}', () => {
  // A copy: authfault idp keeps its state (.authfault/) next to the config, which must not be in the repository.
  let config: string;
  beforeAll(async () => {
    config = join(await mkdtemp(join(tmpdir(), 'authfault-idp-app-')), 'authfault.config.yaml');
    await copyFile(join(ROOT, 'examples/careful-app/authfault.config.yaml'), config);
  });
  afterAll(() => rm(dirname(config), { recursive: true, force: true }));

  it('refuses to register a literal "{app}/callback" and says to pass --app (exit 2)', async () => {
    const refused = await runCli(['idp', '--port', '0', '--json', '--config', config]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('provider.clients.0.redirect_uris.0 is "{app}/callback": {app} and {port} are the app\'s URL and port');
    expect(refused.stderr).toContain('pass --app <url>');
    expect(refused.stdout).toBe('');
  });

  it('fills {app} from --app and registers the app\'s real callback', async () => {
    const child = spawn(process.execPath, [CLI, 'idp', '--port', '0', '--json', '--config', config, '--app', 'http://localhost:3000'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}`)));
        createInterface({ input: child.stdout! }).once('line', resolve);
      });
      const ready = JSON.parse(line) as ReadyLine;
      expect(ready.clients.map((c) => c.redirect_uris)).toEqual([['http://localhost:3000/callback']]);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});

describe('bad input: clear errors, exit 2, no stack trace', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authfault-bad-'));
  });

  it('run with a broken scenario file reports every problem with file:line:column', async () => {
    await writeFile(
      join(dir, 'broken.yaml'),
      ['id: broken', 'title: Broken', 'category: tokenz', 'severity: must', 'faults:', '  - kind: state.tamperd', 'steps:', '  - login: alice', 'expect:', '  app: refused', ''].join('\n'),
    );
    const res = await runCli(['run', join(dir, 'broken.yaml'), '--config', join(ROOT, 'examples/careful-app/authfault.config.yaml'), '--output', join(dir, 'out')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/broken\.yaml:3:11 category: .*tokenz/);
    expect(res.stderr).toMatch(/broken\.yaml:6:11 faults\.0\.kind: unknown fault kind "state\.tamperd" — did you mean "state\.tampered"\?/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('run --grep that matches no scenario is bad input (exit 2) naming the closest ids, before anything starts', async () => {
    const res = await runCli(['run', '--config', join(ROOT, 'examples/careful-app/authfault.config.yaml'), '--grep', '^state-tamperd$', '--output', join(dir, 'out')]);
    expect(res).toMatchObject({ code: 2, stdout: '' });
    expect(res.stderr).toMatch(/^authfault: --grep "\^state-tamperd\$" matches no scenario id or title among the (\d+) to run; the closest ids: state-tampered \[AUTHFAULT_NO_MATCH\]\n$/);
    const { scenarios } = await loadScenarios([bundledSuiteDir()], ROOT);
    expect(res.stderr).toContain(`among the ${scenarios.length} to run`);
  });

  it('run without a config says how to get one', async () => {
    const res = await runCli(['run'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('no authfault.config.(ts|mjs|js|yaml|yml|json)');
    expect(res.stderr).toContain('authfault init');
  });

  it('validate reports a config with an unknown placeholder', async () => {
    await writeFile(
      join(dir, 'authfault.config.yaml'),
      ['name: x', 'target:', '  command: node app.js', '  env:', '    ISSUER: "{isuer}"', 'login:', '  url: "{app}/login"', 'signed-in:', '  text: Hi', ''].join('\n'),
    );
    const res = await runCli(['validate', join(dir, 'broken.yaml')], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('authfault.config.yaml:5:13 target.env.ISSUER: unknown placeholder "{isuer}" — did you mean "{issuer}"?');
  });

  it('idp on a port another program holds: exit 2, naming the port and how to choose another, no "internal error"', async () => {
    const holder = await createMockProvider();
    try {
      const port = new URL(holder.origin).port;
      const res = await runCli(['idp', '--port', port], { timeoutMs: 30_000 });
      expect(res).toMatchObject({ code: 2, stdout: '' });
      expect(res.stderr).toBe(
        `authfault: cannot listen on 127.0.0.1:${port}: port ${port} is already in use on 127.0.0.1 (another authfault idp, or another program): stop that program, or choose another with --port <port> (0 takes a free one), the PORT variable, provider.port in the config or createMockProvider({ port }) [AUTHFAULT_LISTEN_FAILED]\n`,
      );
    } finally {
      await holder.close();
    }
  });

  it('unknown options are refused with exit 2', async () => {
    const res = await runCli(['run', '--wrkers', '2']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("unknown option '--wrkers'");
  });
});
