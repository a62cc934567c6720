import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationRequest } from '../helpers/authorization-request.js';
import { CLI } from '../helpers/cli.js';
import { loginThroughProvider } from '../helpers/http-login.js';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';

interface ReadyLine {
  issuer: string;
  clients: { client_id: string; client_secret: string; redirect_uris: string[]; any_loopback_redirect_uri?: boolean }[];
}

// `npx authfault idp` in an empty folder, as a newcomer runs it: no config, no flags.
describe('authfault idp with no config: any app on this machine signs in, as anyone', () => {
  let dir: string;
  let idp: ChildProcess;
  let ready: ReadyLine;
  let banner = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authfault-zero-config-'));
    idp = spawn(process.execPath, [CLI, 'idp', '--port', '0', '--json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const bannerPrinted = new Promise<void>((resolve) => {
      idp.stderr!.on('data', (d: Buffer) => {
        banner += d.toString();
        if (banner.includes('Ctrl-C stops the provider.')) resolve();
      });
    });
    ready = await new Promise<ReadyLine>((resolve, reject) => {
      idp.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}`)));
      createInterface({ input: idp.stdout! }).once('line', (line) => resolve(JSON.parse(line) as ReadyLine));
    });
    await bannerPrinted;
  }, 60_000);
  afterAll(async () => {
    idp.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  });

  it('says so on the banner and in the ready line', () => {
    expect(ready.clients).toMatchObject([{ client_id: 'demo-app', redirect_uris: [], any_loopback_redirect_uri: true }]);
    expect(banner).toContain('redirect_uris: any loopback one — http://localhost:*, http://127.0.0.1:*, http://[::1]:* (any port and path); others: --redirect-uri <uri>');
    expect(banner).toContain('users (any other name signs in too, as a user made with default claims)');
    expect(banner).not.toContain('sign-in (code flow) is off');
  });

  it.each([
    ['http://localhost:4321/auth/callback', 'carol', { name: 'Carol', email: 'carol@example.com' }],
    ['http://127.0.0.1:8080/cb', 'dave@acme.test', { name: 'Dave', email: 'dave@acme.test' }],
    ['http://[::1]:3000/callback', 'alice', { name: 'Alice Example', email: 'alice@example.com' }],
  ])('an openid-client code flow back to %s signs in as %s', async (callback, user, claims) => {
    const demo = ready.clients[0]!;
    const request = await authorizationRequest(ready.issuer, demo.client_id, callback, { scope: 'openid profile email' });
    const back = await loginThroughProvider(request.url.href, callback, user);
    const config = await client.discovery(new URL(ready.issuer), demo.client_id, demo.client_secret, undefined, { execute: [client.allowInsecureRequests] });
    const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce });
    expect(tokens.claims()).toMatchObject({ sub: user, ...claims, email_verified: true });
    expect(await client.fetchUserInfo(config, tokens.access_token, user)).toMatchObject({ sub: user, ...claims });
  });

  it('refuses a redirect URI off this machine, and the page says which flag and config key accept it', async () => {
    const callback = 'https://app.example.com/callback';
    const request = await authorizationRequest(ready.issuer, 'demo-app', callback);
    const page = await fetch(request.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(400);
    const text = plain(await page.text());
    expect(text).toContain('Registered: (none)');
    expect(text).toContain(
      `Client "demo-app" accepts any loopback redirect URI (http://localhost:*, http://127.0.0.1:*, http://[::1]:*, any port and path); ${callback} is not one. To accept it, start authfault idp with --redirect-uri ${callback} (it registers it for the first client, "demo-app"), or add it to redirect_uris of client "demo-app" under provider.clients in your config (provider.clients[0].redirect_uris; authfault idp reloads the file on save).`,
    );
  });

  it('answers an unknown client_id with the registered clients and how to register it', async () => {
    const request = await authorizationRequest(ready.issuer, 'my-app', 'http://localhost:3000/callback');
    const page = await fetch(request.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(400);
    const text = plain(await page.text());
    expect(text).toContain('invalid_client');
    expect(text).toContain(
      'No client "my-app" is registered at this provider. Registered: demo-app. Use one of them as your app\'s client_id (OIDC_CLIENT_ID), or register "my-app": add it under provider.clients in your config (- client_id: my-app, with its redirect_uris; authfault idp reloads the file on save).',
    );
    const json = (await (await fetch(request.url, { headers: { accept: 'application/json' } })).json()) as { error: string; hint: string };
    expect(json).toMatchObject({ error: 'invalid_client', hint: expect.stringContaining('Registered: demo-app.') });
  });
});

describe('a configured client stays exact', () => {
  let idp: MockProviderHandle;
  beforeAll(async () => {
    idp = await createMockProvider({ clients: [{ client_id: 'shop', client_secret: 'shop-secret', redirect_uris: ['http://localhost:3000/callback'] }] });
  });
  afterAll(() => idp.close());

  it('refuses another loopback port, naming the registered URI, the difference and the config key', async () => {
    const request = await authorizationRequest(idp.issuer, 'shop', 'http://localhost:3001/callback');
    const res = await fetch(request.url, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'invalid_redirect_uri',
      redirect_uri_mismatch: { registered: ['http://localhost:3000/callback'], differences: ['port (3001 ≠ 3000)'] },
      hint: 'To accept it, start authfault idp with --redirect-uri http://localhost:3001/callback (it registers it for the first client, "shop"), or add it to redirect_uris of client "shop" under provider.clients in your config (provider.clients[0].redirect_uris; authfault idp reloads the file on save). Or send a registered one from your app.',
    });
  });

  it('still lets it opt in with any_loopback_redirect_uri', async () => {
    idp.reconfigure({ clients: [{ client_id: 'shop', client_secret: 'shop-secret', redirect_uris: ['http://localhost:3000/callback'], any_loopback_redirect_uri: true }] });
    const callback = 'http://localhost:3001/callback';
    const request = await authorizationRequest(idp.issuer, 'shop', callback);
    expect((await loginThroughProvider(request.url.href, callback)).searchParams.get('code')).toBeTruthy();
  });
});

/** The page's text, tags dropped and entities decoded, as a person reads it. */
function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ');
}
