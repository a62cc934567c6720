import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationRequest } from '../helpers/authorization-request.js';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { loginThroughProvider } from '../helpers/http-login.js';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';

const SHOP = { client_id: 'shop', client_secret: 'shop-secret', redirect_uris: ['http://localhost:3000/callback'] };

/** Tokens minted for API tests are real: the libraries apps use and the mock API accept them. */
describe('idp.issueToken()', () => {
  let idp: MockProviderHandle;
  let oidc: client.Configuration;
  beforeAll(async () => {
    idp = await createMockProvider({
      clients: [SHOP],
      users: [{ id: 'alice', name: 'Alice Example', email: 'alice@example.com', roles: ['admin'], claims: { department: 'sales' } }],
    });
    oidc = await client.discovery(new URL(idp.issuer), SHOP.client_id, SHOP.client_secret, undefined, { execute: [client.allowInsecureRequests] });
  });
  afterAll(() => idp.close());

  it('mints a JWT access token that jose verifies against the JWKS and the mock API accepts, with the user\'s roles and claims', async () => {
    const issued = await idp.issueToken({ sub: 'alice', scope: 'openid orders:read', claims: { tier: 'gold' }, ttl: 120 });
    expect(issued).toMatchObject({ kind: 'access_token', format: 'jwt', token_type: 'Bearer', client: 'shop', sub: 'alice', scope: 'openid orders:read' });
    expect(decodeProtectedHeader(issued.token)).toMatchObject({ typ: 'at+jwt', alg: 'RS256' });
    const { payload } = await jwtVerify(issued.token, createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), { issuer: idp.issuer, audience: idp.api, typ: 'at+jwt' });
    expect(payload).toMatchObject({ sub: 'alice', client_id: 'shop', scope: 'openid orders:read', roles: ['admin'], department: 'sales', tier: 'gold' });
    expect(payload.exp! - payload.iat!).toBe(120);
    const orders = await fetch(`${idp.api}/orders`, { headers: { authorization: `Bearer ${issued.token}` } });
    expect(orders.status).toBe(200);
    const admin = await fetch(`${idp.api}/admin`, { headers: { authorization: `Bearer ${issued.token}` } });
    expect(admin.status).toBe(403); // /admin wants claim role=admin, not roles: the API judges the token's real claims
    const me = await fetch(`${idp.api}/me`, { headers: { authorization: `Bearer ${(await idp.issueToken({ sub: 'alice', scope: 'openid' })).token}` } });
    expect(await me.json()).toMatchObject({ sub: 'alice', client_id: 'shop' });
  });

  it('mints an opaque access token that introspection, userinfo (openid-client) and the mock API accept', async () => {
    const issued = await idp.issueToken({ sub: 'alice', format: 'opaque', scope: 'openid profile email orders:read' });
    expect(issued.token.split('.')).toHaveLength(1);
    expect(await client.fetchUserInfo(oidc, issued.token, 'alice')).toMatchObject({ sub: 'alice', name: 'Alice Example', email: 'alice@example.com', department: 'sales' });
    expect(await client.tokenIntrospection(oidc, issued.token)).toMatchObject({ active: true, sub: 'alice', client_id: 'shop', scope: 'openid profile email orders:read' });
    expect((await fetch(`${idp.api}/orders`, { headers: { authorization: `Bearer ${issued.token}` } })).status).toBe(200);
  });

  it('mints a client token without a user, and an ID token openid-client validates', async () => {
    const machine = await idp.issueToken({ format: 'opaque', scope: 'orders:read' });
    expect(machine.sub).toBeUndefined();
    expect(await client.tokenIntrospection(oidc, machine.token)).toMatchObject({ active: true, client_id: 'shop', scope: 'orders:read' });

    const id = await idp.issueToken({ kind: 'id_token', sub: 'carol' });
    const { payload } = await jwtVerify(id.token, createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), { issuer: idp.issuer, audience: 'shop' });
    expect(payload).toMatchObject({ sub: 'carol', name: 'Carol', email: 'carol@example.com', azp: 'shop' });
    expect(idp.users.get('carol')).toMatchObject({ id: 'carol' });
  });

  it('an expired token is refused by the mock API as expired', async () => {
    const expired = await idp.issueToken({ sub: 'alice', ttl: 1 });
    // The API judges by a clock 10 s ahead, past the token's exp: no waiting for it to expire.
    await idp.faults.add({ kind: 'clock.skew', seconds: 10, when: { endpoint: 'api' } });
    const res = await fetch(`${idp.api}/orders`, { headers: { authorization: `Bearer ${expired.token}` } });
    idp.faults.clear();
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('the access token expired at');
  });

  it('refuses what it cannot mint, with the allowed values', async () => {
    await expect(idp.issueToken({ client: 'nope' })).rejects.toMatchObject({ code: 'AUTHFAULT_TOKEN_INVALID', message: 'no client "nope" at this provider; registered: shop' });
    await expect(idp.issueToken({ kind: 'refresh' } as never)).rejects.toMatchObject({ code: 'AUTHFAULT_TOKEN_INVALID', message: expect.stringContaining('kind') });
    await expect(idp.issueToken({ scop: 'openid' } as never)).rejects.toMatchObject({ code: 'AUTHFAULT_TOKEN_INVALID', message: expect.stringContaining('did you mean "scope"') });
  });
});

describe('provider.access_token_format: jwt', () => {
  it('makes the code flow\'s access token a JWT for the mock API (RFC 9068), which userinfo then refuses', async () => {
    const idp = await createMockProvider({ access_token_format: 'jwt', clients: [SHOP] });
    try {
      const callback = SHOP.redirect_uris[0]!;
      const request = await authorizationRequest(idp.issuer, 'shop', callback, { scope: 'openid orders:read' });
      const back = await loginThroughProvider(request.url.href, callback);
      const oidc = await client.discovery(new URL(idp.issuer), SHOP.client_id, SHOP.client_secret, undefined, { execute: [client.allowInsecureRequests] });
      const tokens = await client.authorizationCodeGrant(oidc, back, { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce });
      const { payload } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), { issuer: idp.issuer, audience: idp.api, typ: 'at+jwt' });
      expect(payload).toMatchObject({ sub: 'alice', client_id: 'shop' });
      expect((await fetch(`${idp.api}/orders`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status).toBe(200);
      await expect(client.fetchUserInfo(oidc, tokens.access_token, 'alice')).rejects.toThrow(/challenge/);
    } finally {
      await idp.close();
    }
  });
});

describe('POST /__authfault/tokens and authfault token', () => {
  let child: ChildProcess;
  let issuer: string;
  beforeAll(async () => {
    child = spawn(process.execPath, [CLI, 'idp', '--port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    issuer = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}`)));
      createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    });
  }, 60_000);
  afterAll(() => {
    child.kill('SIGTERM');
  });

  it('prints a token the mock API takes, for curl and $(…)', async () => {
    const origin = new URL(issuer).origin;
    const res = await runCli(['token', '--sub', 'dave', '--scope', 'openid orders:read', '--claim', 'tier=gold', '--idp', origin]);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    const token = res.stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    expect((await fetch(`${origin}/api/orders`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    const json = await runCli(['token', '--kind', 'id_token', '--sub', 'dave', '--json', '--idp', origin]);
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'id_token', format: 'jwt', sub: 'dave', client: 'demo-app', claims: { aud: 'demo-app', name: 'Dave' } });

    const http = await fetch(`${origin}/__authfault/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ format: 'opaque' }) });
    expect(http.status).toBe(201);
    expect(await http.json()).toMatchObject({ kind: 'access_token', format: 'opaque', client: 'demo-app' });

    const bad = await runCli(['token', '--format', 'pasta', '--idp', origin]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^authfault: the provider refused the request \(400\):\n {2}format: .*jwt.*opaque/);
  });
});
