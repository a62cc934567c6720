import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';

interface ReadyLine {
  issuer: string;
  admin: string;
  ca: string;
  clients: { client_id: string; client_secret: string | null }[];
}

const CONFIG = [
  'target:',
  '  command: node app.js',
  'login:',
  '  url: "{app}/login"',
  'signed-in:',
  '  text: Signed in',
  'provider:',
  '  clients:',
  '    - client_id: my-app', // no secret: one is generated, and kept
  '      redirect_uris: ["http://localhost:3000/callback"]',
  '    - client_id: own-secret',
  '      client_secret: written-by-the-user',
  '',
].join('\n');

// Issue #12: in an `init` project every restart made a new CA file, a new client secret and a new
// front-channel port, so whatever the developer had pasted into the app's .env went stale.
describe('authfault idp keeps its local identity in .authfault/ next to the config', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authfault-state-'));
    await writeFile(join(dir, 'authfault.config.yaml'), CONFIG);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Start `authfault idp --https --port 0` in the project, read what it offers, stop it. */
  async function start(...flags: string[]) {
    const child = spawn(process.execPath, [CLI, 'idp', '--https', '--port', '0', '--json', ...flags], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let banner = '';
    child.stderr!.on('data', (d: Buffer) => (banner += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const ready = await new Promise<ReadyLine>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}: ${banner}`)));
        createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as ReadyLine));
      });
      const ca = await readFile(ready.ca, 'utf8');
      const jwks = JSON.parse(await get(`${ready.issuer}/jwks`, ca)) as { keys: { kid: string }[] };
      return { ready, ca, kid: jwks.keys[0]!.kid, secret: (id: string) => ready.clients.find((c) => c.client_id === id)!.client_secret, banner: () => banner };
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }

  it('gives the same secret, CA, signing key and ports after a restart; --fresh starts over', async () => {
    const first = await start();
    expect(first.ready.ca).toBe(join(dir, '.authfault', 'ca.pem'));
    expect(first.secret('own-secret')).toBe('written-by-the-user');
    expect(first.banner()).toContain('state      .authfault/  (signing key, CA, client secrets and free ports kept between restarts; --fresh starts over)');
    for (const [file, mode] of [['signing-key.json', 0o600], ['ca-key.pem', 0o600], ['state.json', 0o600], ['ca.pem', 0o644]] as const) {
      expect({ file, mode: (await stat(join(dir, '.authfault', file))).mode & 0o777 }).toEqual({ file, mode });
    }
    expect(await readFile(join(dir, '.authfault', '.gitignore'), 'utf8')).toContain('\n*\n');

    const again = await start();
    expect(again.ready.issuer).toBe(first.ready.issuer);
    expect(again.ready.admin).toBe(first.ready.admin);
    expect(again.secret('my-app')).toBe(first.secret('my-app'));
    expect(again.ca).toBe(first.ca);
    expect(again.kid).toBe(first.kid);

    const fresh = await start('--fresh');
    expect(fresh.banner()).toContain('--fresh: started over, removed signing-key.json, ca.pem, ca-key.pem, state.json');
    expect(fresh.secret('my-app')).not.toBe(first.secret('my-app'));
    expect(fresh.secret('own-secret')).toBe('written-by-the-user');
    expect(fresh.ca).not.toBe(first.ca);
    expect(fresh.kid).not.toBe(first.kid);
  }, 120_000);

  it('a token signed before a restart still verifies against the JWKS after it', async () => {
    const { createMockProvider } = await import('../../mock-provider/index.js');
    const state = join(dir, 'code-state');
    const before = await createMockProvider({ state, clients: [{ client_id: 'svc', grant_types: ['client_credentials'] }] });
    const token = await clientCredentials(before.issuer, 'svc', before.clients[0]!.client_secret!);
    const secret = before.clients[0]!.client_secret!;
    await before.close();
    const after = await createMockProvider({ state, port: Number(new URL(before.issuer).port), clients: [{ client_id: 'svc', grant_types: ['client_credentials'] }] });
    try {
      expect(after.clients[0]!.client_secret).toBe(secret);
      const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${after.issuer}/jwks`)), { issuer: after.issuer });
      expect(payload.client_id).toBe('svc');
    } finally {
      await after.close();
    }
  });

  it('refuses --fresh without a config, and a state file it did not write', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'authfault-state-none-'));
    try {
      const refused = await runCli(['idp', '--port', '0', '--fresh'], { cwd: empty });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--fresh starts over from a state folder, which authfault idp keeps next to a config file (.authfault/)');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
    await writeFile(join(dir, '.authfault', 'state.json'), '{"mine": true}\n');
    const broken = await runCli(['idp', '--port', '0'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe(
      `authfault: ${join(dir, '.authfault', 'state.json')} is not authfault's state (not version 1 with ports and secrets); move it away, or start over with --fresh (authfault idp) or a new provider.state folder [AUTHFAULT_STATE_INVALID]\n`,
    );
  });
});

describe('authfault init keeps the state folder out of git', () => {
  it('adds .authfault/ to .gitignore once, leaving what was there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authfault-init-ignore-'));
    try {
      await writeFile(join(dir, '.gitignore'), 'node_modules');
      const init = await runCli(['init'], { cwd: dir });
      expect(init.code).toBe(0);
      expect(init.stdout).toContain('added to .gitignore: .authfault/ (where authfault idp keeps its signing key, CA and client secrets between restarts)');
      expect(await readFile(join(dir, '.gitignore'), 'utf8')).toBe('node_modules\n.authfault/\n');
      const again = await runCli(['init'], { cwd: dir });
      expect(again.stdout).not.toContain('.gitignore');
      expect(await readFile(join(dir, '.gitignore'), 'utf8')).toBe('node_modules\n.authfault/\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function get(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

async function clientCredentials(issuer: string, id: string, secret: string): Promise<string> {
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: `${new URL(issuer).origin}/api` }),
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}
