import { request as httpRequest } from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { authorizationRequest } from '../helpers/authorization-request.js';
import { loginThroughProvider } from '../helpers/http-login.js';
import { nonLoopbackAddress } from '../helpers/network.js';
import { UserAgent } from '../helpers/user-agent.js';

const REDIRECT = 'http://127.0.0.1:9/callback';
const APP = { client_id: 'app', client_secret: 'app-secret', redirect_uris: [REDIRECT] };

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A GET with the path sent exactly as written (fetch would normalise some of them). */
function rawGet(origin: string, path: string): Promise<number> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    httpRequest({ hostname, port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    })
      .on('error', reject)
      .end();
  });
}

async function kidOf(issuer: string): Promise<string> {
  const { body } = await json(`${issuer}/jwks`);
  return body.keys[0].kid;
}

function discover(issuer: string) {
  return client.discovery(new URL(issuer), APP.client_id, APP.client_secret, undefined, { execute: [client.allowInsecureRequests] });
}

describe('tenants: any other path is an issuer of its own, created on first use', () => {
  let idp: MockProviderHandle;
  let origin: string;

  beforeAll(async () => {
    idp = await createMockProvider({ clients: [APP], seed: 'feed0001' });
    origin = idp.origin;
  });
  afterAll(() => idp.close());

  it('creates tenant-a and tenant-b by their first requests: own issuers, own signing keys, derived seeds, admin and API URLs', async () => {
    const a = await json(`${origin}/tenant-a/.well-known/openid-configuration`);
    const b = await json(`${origin}/tenant-b/.well-known/openid-configuration`);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.issuer).toBe(`${origin}/tenant-a`);
    expect(b.body.issuer).toBe(`${origin}/tenant-b`);
    expect(a.body.token_endpoint).toBe(`${origin}/tenant-a/token`);
    const kids = [await kidOf(idp.issuer), await kidOf(`${origin}/tenant-a`), await kidOf(`${origin}/tenant-b`)];
    expect(new Set(kids).size).toBe(3);

    expect(idp.tenants()).toEqual([
      { name: 'tenant-a', issuer: `${origin}/tenant-a`, admin: `${origin}/tenant-a/__authfault`, api: `${origin}/tenant-a/api` },
      { name: 'tenant-b', issuer: `${origin}/tenant-b`, admin: `${origin}/tenant-b/__authfault`, api: `${origin}/tenant-b/api` },
    ]);
    const tenantA = await idp.tenant('tenant-a');
    expect(tenantA).toMatchObject({ name: 'tenant-a', issuer: `${origin}/tenant-a`, origin, seed: 'feed0001/tenant-a' });
    expect((await json(`${tenantA.admin}/health`)).body).toEqual({ status: 'ok', mock: true, issuer: `${origin}/tenant-a`, admin: `${origin}/tenant-a/__authfault`, seed: 'feed0001/tenant-a', faults: 0 });
    // Its admin page talks to its own control API.
    const page = await fetch(tenantA.admin, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const data = /<script type="application\/json" id="authfault-data">(.*?)<\/script>/s.exec(await page.text())![1]!;
    expect(JSON.parse(data)).toMatchObject({ base: '/tenant-a/__authfault', issuer: `${origin}/tenant-a`, seed: 'feed0001/tenant-a' });
    // The default issuer is as it always was.
    expect(idp.issuer).toBe(`${origin}/default`);
    expect((await json(`${idp.admin}/health`)).body).toMatchObject({ issuer: `${origin}/default`, seed: 'feed0001' });
  });

  it('signs in at tenant-b with openid-client (authorization code, PKCE), and its id_token verifies against tenant-b’s JWKS only', async () => {
    const config = await discover(`${origin}/tenant-b`);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    expect(url.href.startsWith(`${origin}/tenant-b/auth?`)).toBe(true);
    const callback = await loginThroughProvider(url.href, REDIRECT, 'bob');
    expect(callback.searchParams.get('iss')).toBe(`${origin}/tenant-b`);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    expect(tokens.claims()).toMatchObject({ iss: `${origin}/tenant-b`, sub: 'bob', email: 'bob@example.com' });
    expect((await client.fetchUserInfo(config, tokens.access_token, 'bob')).email).toBe('bob@example.com');

    const idToken = tokens.id_token!;
    const at = (issuer: string) => createRemoteJWKSet(new URL(`${issuer}/jwks`));
    await expect(jwtVerify(idToken, at(`${origin}/tenant-b`), { issuer: `${origin}/tenant-b`, audience: 'app' })).resolves.toBeTruthy();
    await expect(jwtVerify(idToken, at(`${origin}/tenant-a`))).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    await expect(jwtVerify(idToken, at(idp.issuer))).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });

  it('a fault set through tenant-a’s control API changes tenant-a’s responses, not tenant-b’s or the default’s', async () => {
    const set = await json(`${origin}/tenant-a/__authfault/faults`, post({ kind: 'discovery.issuer-mismatch' }));
    expect(set.status).toBe(201);
    const issuerAt = async (issuer: string) => (await json(`${issuer}/.well-known/openid-configuration`)).body.issuer;
    expect(await issuerAt(`${origin}/tenant-a`)).not.toBe(`${origin}/tenant-a`);
    expect(await issuerAt(`${origin}/tenant-b`)).toBe(`${origin}/tenant-b`);
    expect(await issuerAt(idp.issuer)).toBe(idp.issuer);
    expect((await json(`${origin}/tenant-a/__authfault/faults`)).body.faults).toMatchObject([{ kind: 'discovery.issuer-mismatch', applied: 1 }]);
    expect((await json(`${origin}/tenant-b/__authfault/faults`)).body.faults).toEqual([]);
    expect(idp.faults.list()).toEqual([]);
    expect((await fetch(`${origin}/tenant-a/__authfault/faults`, { method: 'DELETE' })).status).toBe(204);
    expect(await issuerAt(`${origin}/tenant-a`)).toBe(`${origin}/tenant-a`);
  });

  it('a fault set through tenant-a’s handle changes tenant-a only (a rate limit at its token endpoint)', async () => {
    const tenantA = await idp.tenant('tenant-a');
    await tenantA.faults.add({ kind: 'rate-limit', limit: 0 });
    try {
      const refused = await client.clientCredentialsGrant(await discover(tenantA.issuer)).catch((e: unknown) => e);
      expect(refused).toMatchObject({ status: 429, error: 'temporarily_unavailable' });
      expect((await client.clientCredentialsGrant(await discover(`${origin}/tenant-b`))).access_token).toBeTruthy();
      expect((await client.clientCredentialsGrant(await discover(idp.issuer))).access_token).toBeTruthy();
    } finally {
      tenantA.faults.clear();
    }
  });

  it('keeps one browser session per issuer: signing in at tenant-a leaves the default issuer’s session, and makes none at tenant-b', async () => {
    const ua = await UserAgent.open();
    const authorize = async (issuer: string) => (await authorizationRequest(issuer, APP.client_id, REDIRECT)).url.href;
    try {
      await ua.authorize(await authorize(idp.issuer), REDIRECT, 'alice');
      await ua.authorize(await authorize(`${origin}/tenant-a`), REDIRECT, 'bob');
      // A session lets the authorization request return at once, without the login page.
      expect((await ua.visit(await authorize(idp.issuer), REDIRECT)).redirect?.searchParams.get('code')).toBeTruthy();
      expect((await ua.visit(await authorize(`${origin}/tenant-a`), REDIRECT)).redirect?.searchParams.get('code')).toBeTruthy();
      expect((await ua.visit(await authorize(`${origin}/tenant-b`), REDIRECT)).page?.html).toContain('>Sign in as alice</button>');
    } finally {
      await ua.dispose();
    }
  });

  it('keeps one journal per issuer', async () => {
    const [tenantA, tenantB] = [await idp.tenant('tenant-a'), await idp.tenant('tenant-b')];
    const since = { main: idp.journal.lastId, a: tenantA.journal.lastId, b: tenantB.journal.lastId };
    await json(`${tenantA.issuer}/.well-known/openid-configuration`);
    await json(`${idp.issuer}/jwks`);
    expect(tenantA.journal.entries(since.a).map((e) => [e.endpoint, e.path])).toEqual([['discovery', '/tenant-a/.well-known/openid-configuration']]);
    expect(idp.journal.entries(since.main).map((e) => [e.endpoint, e.path])).toEqual([['jwks', '/default/jwks']]);
    expect(tenantB.journal.entries(since.b)).toEqual([]);
    expect((await json(`${tenantA.admin}/journal?since=${since.a}`)).body.entries).toHaveLength(1);
  });

  it('keeps users per issuer: an edit in tenant-a leaves tenant-b, the default and later tenants as configured', async () => {
    const patched = await json(`${origin}/tenant-a/__authfault/users/alice`, { ...post({ claims: { department: 'sales' } }), method: 'PATCH' });
    expect(patched.body.user.claims).toEqual({ department: 'sales' });
    expect((await idp.tenant('tenant-a')).users.get('alice')?.claims).toEqual({ department: 'sales' });
    expect((await json(`${origin}/tenant-b/__authfault/users/alice`)).body.user.claims).toBeUndefined();
    expect(idp.users.get('alice')?.claims).toBeUndefined();
    expect((await idp.tenant('tenant-later')).users.get('alice')?.claims).toBeUndefined();
    await (await idp.tenant('tenant-later')).close();
  });

  it('creates a tenant once for concurrent first requests', async () => {
    const kids = await Promise.all(Array.from({ length: 8 }, () => kidOf(`${origin}/tenant-burst`)));
    expect(new Set(kids).size).toBe(1);
    expect(idp.tenants().filter((t) => t.name === 'tenant-burst')).toHaveLength(1);
    const handles = await Promise.all([idp.tenant('tenant-together'), idp.tenant('tenant-together')]);
    expect(handles[0]).toBe(handles[1]);
    await Promise.all([handles[0].close(), (await idp.tenant('tenant-burst')).close()]);
  });

  it('creates nothing for an invalid name or a bare path: 404 from the default issuer, as before tenants', async () => {
    const before = idp.tenants();
    const since = idp.journal.lastId;
    for (const path of ['/..%2f/x', '/A%20B/x', '/Tenant-A/.well-known/openid-configuration', '/-a/x', `/${'a'.repeat(64)}/x`, '/favicon.ico', '/tenant-z', '/tenant-z/']) {
      expect(await rawGet(origin, path), path).toBe(404);
    }
    expect(idp.tenants()).toEqual(before);
    expect(idp.journal.entries(since).map((e) => e.endpoint)).toEqual(Array(8).fill('other'));
  });

  it('refuses a bad name on the handle with AUTHFAULT_TENANT_INVALID, the default issuer’s and the API’s paths among them', async () => {
    await expect(idp.tenant('A B')).rejects.toMatchObject({
      code: 'AUTHFAULT_TENANT_INVALID',
      message: '"A B" is not a tenant name: one path segment of lower-case letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63 (^[a-z0-9][a-z0-9._-]{0,62}$)',
    });
    await expect(idp.tenant('default')).rejects.toMatchObject({
      code: 'AUTHFAULT_TENANT_INVALID',
      message: '"default" is the default issuer\'s path, not a tenant\'s: the handle createMockProvider returned and /__authfault control it',
    });
    await expect(idp.tenant('api')).rejects.toMatchObject({ code: 'AUTHFAULT_TENANT_INVALID', message: '"api" is the mock API\'s path (provider.api.path); choose another name' });
  });

  it('lists, creates and removes tenants through GET, POST and DELETE /__authfault/tenants (on every issuer’s control API)', async () => {
    const created = await json(`${idp.admin}/tenants`, post({ name: 'tenant-c' }));
    expect(created).toEqual({ status: 201, body: { tenant: { name: 'tenant-c', issuer: `${origin}/tenant-c`, admin: `${origin}/tenant-c/__authfault`, api: `${origin}/tenant-c/api` } } });
    expect((await json(`${origin}/tenant-a/__authfault/tenants`, post({ name: 'tenant-c' }))).status).toBe(200);
    expect((await json(`${idp.admin}/tenants`)).body.tenants.map((t: { name: string }) => t.name)).toEqual(['tenant-a', 'tenant-b', 'tenant-c']);
    const kid = await kidOf(`${origin}/tenant-c`);

    expect((await json(`${idp.admin}/tenants`, post({ name: 'Tenant C' }))).body).toMatchObject({ error: 'AUTHFAULT_TENANT_INVALID' });
    expect((await json(`${idp.admin}/tenants`, post(['tenant-c']))).body).toMatchObject({ error: 'AUTHFAULT_BAD_REQUEST', message: 'send {"name": "tenant-a"} as JSON, with Content-Type: application/json' });
    expect((await fetch(`${idp.admin}/tenants/tenant-c`, { method: 'DELETE' })).status).toBe(204);
    expect(await json(`${idp.admin}/tenants/tenant-c`, { method: 'DELETE' })).toEqual({
      status: 404,
      body: { error: 'AUTHFAULT_TENANT_NOT_FOUND', message: 'no tenant "tenant-c"; GET /__authfault/tenants lists them', details: [] },
    });
    const removeDefault = await json(`${idp.admin}/tenants/default`, { method: 'DELETE' });
    expect(removeDefault).toMatchObject({ status: 400, body: { error: 'AUTHFAULT_TENANT_INVALID' } });

    // Removed means gone: the next request makes a new issuer with a new key.
    expect(await kidOf(`${origin}/tenant-c`)).not.toBe(kid);
    await (await idp.tenant('tenant-c')).close();
    expect(idp.tenants().map((t) => t.name)).toEqual(['tenant-a', 'tenant-b']);
  });

  it('reset of the default issuer resets it only; reconfigure on the default reaches every tenant, on a tenant that tenant only', async () => {
    const tenantA = await idp.tenant('tenant-a');
    await tenantA.faults.add({ kind: 'state.tampered' });
    await idp.faults.add({ kind: 'state.tampered' });
    idp.reset();
    expect(idp.faults.list()).toEqual([]);
    expect(tenantA.faults.list()).toHaveLength(1);
    tenantA.reset();
    expect(tenantA.faults.list()).toEqual([]);

    const users = [{ id: 'carol', name: 'Carol' }];
    idp.reconfigure({ users });
    expect([idp, tenantA, await idp.tenant('tenant-b'), await idp.tenant('tenant-new')].map((h) => h.users.map((u) => u.id))).toEqual([['carol'], ['carol'], ['carol'], ['carol']]);
    tenantA.reconfigure({ users: [{ id: 'dave' }] });
    expect([idp, tenantA, await idp.tenant('tenant-b')].map((h) => h.users.map((u) => u.id))).toEqual([['carol'], ['dave'], ['carol']]);
    // A client written without a secret gets one secret, the same in every issuer.
    idp.reconfigure({ clients: [APP, { client_id: 'later', redirect_uris: [REDIRECT] }] });
    const secrets = [idp, tenantA, await idp.tenant('tenant-new')].map((h) => h.clients.find((c) => c.client_id === 'later')?.client_secret);
    expect(secrets[0]).toMatch(/^later-/);
    expect(new Set(secrets).size).toBe(1);
    await (await idp.tenant('tenant-new')).close();
  });
});

describe('tenants: the limit', () => {
  let idp: MockProviderHandle;
  beforeAll(async () => {
    idp = await createMockProvider({ tenants: { max: 2 } });
  });
  afterAll(() => idp.close());

  const message = (name: string) =>
    `tenant "${name}" not created: this provider already has 2 tenants, its limit (provider.tenants.max); remove some with DELETE /__authfault/tenants/{name} (GET /__authfault/tenants lists them) or close() on their handles, or raise provider.tenants.max`;

  it('answers 503 AUTHFAULT_TENANT_LIMIT past provider.tenants.max, saying how to remove tenants; the others keep working', async () => {
    // Three names at once: the limit counts tenants still being created.
    const statuses = await Promise.all(['t1', 't2', 't3'].map(async (name) => (await fetch(`${idp.origin}/${name}/jwks`)).status));
    expect(statuses.sort()).toEqual([200, 200, 503]);
    const created = idp.tenants().map((t) => t.name);
    expect(created).toHaveLength(2);

    expect(await json(`${idp.origin}/t4/.well-known/openid-configuration`)).toEqual({ status: 503, body: { error: 'AUTHFAULT_TENANT_LIMIT', message: message('t4'), details: [] } });
    await expect(idp.tenant('t4')).rejects.toMatchObject({ code: 'AUTHFAULT_TENANT_LIMIT', message: message('t4') });
    expect((await json(`${idp.admin}/tenants`, post({ name: 't4' }))).body).toEqual({ error: 'AUTHFAULT_TENANT_LIMIT', message: message('t4'), details: [] });
    expect((await fetch(`${idp.origin}/${created[0]}/jwks`)).status).toBe(200);

    expect((await fetch(`${idp.admin}/tenants/${created[0]}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${idp.origin}/t4/jwks`)).status).toBe(200);
  });
});

describe('tenants: false', () => {
  let idp: MockProviderHandle;
  beforeAll(async () => {
    idp = await createMockProvider({ tenants: false });
  });
  afterAll(() => idp.close());

  it('creates no issuer on first use: /tenant-a/… is the default issuer’s unknown path; the handle and the control API still create one', async () => {
    const since = idp.journal.lastId;
    expect((await fetch(`${idp.origin}/tenant-a/.well-known/openid-configuration`)).status).toBe(404);
    expect(idp.tenants()).toEqual([]);
    expect(idp.journal.entries(since).map((e) => [e.endpoint, e.path])).toEqual([['other', '/tenant-a/.well-known/openid-configuration']]);

    const tenantA = await idp.tenant('tenant-a');
    expect((await json(`${tenantA.issuer}/.well-known/openid-configuration`)).body.issuer).toBe(`${idp.origin}/tenant-a`);
    expect((await json(`${idp.admin}/tenants`, post({ name: 'tenant-b' }))).status).toBe(201);
    expect((await fetch(`${idp.origin}/tenant-b/jwks`)).status).toBe(200);
  });
});

describe('tenants with HTTPS: shared listeners and certificates', () => {
  let idp: MockProviderHandle;
  let ca: Buffer;
  beforeAll(async () => {
    idp = await createMockProvider({ https: true });
    ca = readFileSync(idp.ca!.path);
  });
  afterAll(() => idp.close());

  function getJson(url: string): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      https
        .get(url, { ca, agent: false }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve(JSON.parse(body) as Record<string, unknown>));
        })
        .on('error', reject);
    });
  }

  it('serves a tenant on the same back channel, with the browser’s endpoints on the front channel', async () => {
    const meta = await getJson(`${idp.origin}/tenant-a/.well-known/openid-configuration`);
    expect(meta).toMatchObject({
      issuer: `${idp.origin}/tenant-a`,
      authorization_endpoint: `${idp.frontOrigin}/tenant-a/auth`,
      end_session_endpoint: `${idp.frontOrigin}/tenant-a/session/end`,
      token_endpoint: `${idp.origin}/tenant-a/token`,
      jwks_uri: `${idp.origin}/tenant-a/jwks`,
    });
    const tenantA = await idp.tenant('tenant-a');
    expect(tenantA.ca).toEqual(idp.ca);
    expect(tenantA.frontOrigin).toBe(idp.frontOrigin);
  });

  it('refuses tls.* faults on a tenant with AUTHFAULT_TLS_DEFAULT_ISSUER_ONLY, saying why and where to set them', async () => {
    const message =
      'tls.expired cannot be set on tenant "tenant-a": every issuer shares the TLS listeners, and a certificate is chosen when a connection opens, before its first request names a path; set it on the default issuer (POST {origin}/__authfault/faults, authfault fault add without --tenant, or idp.faults.add on the handle createMockProvider returned), where it acts on every issuer\'s back channel';
    const tenantA = await idp.tenant('tenant-a');
    await expect(tenantA.faults.add({ kind: 'tls.expired' })).rejects.toMatchObject({ code: 'AUTHFAULT_TLS_DEFAULT_ISSUER_ONLY', message });
    expect(tenantA.faults.list()).toEqual([]);
    const viaApi = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = https.request(`${tenantA.admin}/faults`, { method: 'POST', ca, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ kind: 'tls.self-signed' }));
    });
    expect(viaApi.status).toBe(400);
    expect(JSON.parse(viaApi.body)).toMatchObject({ error: 'AUTHFAULT_TLS_DEFAULT_ISSUER_ONLY' });
    // The back channel still presents the valid certificate.
    expect((await getJson(`${tenantA.issuer}/jwks`)).keys).toHaveLength(1);
  });
});

describe('tenants without HTTPS: tls.* faults', () => {
  it('are refused on a tenant with the same code, naming HTTPS too', async () => {
    const idp = await createMockProvider();
    try {
      await expect((await idp.tenant('tenant-a')).faults.add({ kind: 'tls.expired' })).rejects.toMatchObject({
        code: 'AUTHFAULT_TLS_DEFAULT_ISSUER_ONLY',
        message: expect.stringMatching(/where it acts on every issuer's back channel, once the provider serves HTTPS \(provider\.https: true, or authfault idp --https\)$/),
      });
    } finally {
      await idp.close();
    }
  });
});

describe('tenants: the control API’s guard', () => {
  const external = nonLoopbackAddress();
  it.runIf(external !== undefined)(`refuses non-loopback callers at a tenant’s control API as at the default’s (${external ?? 'no such address here'})`, async () => {
    const token = 'admin-token-0123456789abcdef';
    const idp = await createMockProvider({ host: external!, admin: { token } });
    try {
      const admin = `${idp.origin}/tenant-a/__authfault`;
      const refused = await json(`${admin}/health`);
      expect(refused).toEqual({
        status: 403,
        body: { error: 'AUTHFAULT_ADMIN_FORBIDDEN', message: 'the control API needs "Authorization: Bearer <admin token>" from non-loopback callers', details: [] },
      });
      expect((await json(`${admin}/faults`, post({ kind: 'rate-limit' }))).status).toBe(403);
      expect((await json(`${idp.admin}/tenants`, post({ name: 'tenant-b' }))).status).toBe(403);
      const allowed = await json(`${admin}/health`, { headers: { authorization: `Bearer ${token}` } });
      expect(allowed.body).toMatchObject({ issuer: `${idp.origin}/tenant-a` });
    } finally {
      await idp.close();
    }
  });
});

describe('tenants: close', () => {
  it('closing the provider closes every tenant with it', async () => {
    const idp = await createMockProvider();
    await Promise.all([idp.tenant('tenant-a'), idp.tenant('tenant-b')]);
    await idp.close();
    await expect(fetch(`${idp.origin}/tenant-a/jwks`)).rejects.toThrow();
    await expect(idp.tenant('tenant-c')).rejects.toMatchObject({ code: 'AUTHFAULT_PROVIDER_CLOSED' });
  });
});
