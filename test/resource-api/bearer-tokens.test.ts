import * as client from 'openid-client';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiEntries, clientToken, setup, signIn, type Setup } from './helpers.js';

/** A description as RFC 6750 §3 lets it into the header: no `"`, ASCII only. */
const inHeader = (d: string) => d.replace(/"/g, "'").replace(/…/g, '...').replace(/§/g, '');

describe('mock API: Bearer access tokens from the provider, answered per RFC 6750', () => {
  let s: Setup;
  let realm: string;

  beforeAll(async () => {
    s = await setup({ users: [{ id: 'alice', name: 'Alice' }, { id: 'carol', name: 'Carol', roles: ['admin'], claims: { role: 'admin' } }] });
    realm = s.idp.api;
  });
  afterAll(() => s.idp.close());
  beforeEach(() => s.idp.faults.clear());

  describe('tokens that are good', () => {
    it('serves GET /api/orders to a JWT access token from client_credentials with resource, and journals the call', async () => {
      const token = await clientToken(s.config, 'orders:read', s.idp.api);
      expect(decodeProtectedHeader(token).typ).toBe('at+jwt');
      expect(decodeJwt(token).aud).toBe(s.idp.api);
      const since = s.idp.journal.lastId;
      const res = await s.api().get('/api/orders').set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.body.orders).toHaveLength(2);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(apiEntries(s.idp, since)).toEqual([
        expect.objectContaining({
          method: 'GET',
          path: '/api/orders',
          status: 200,
          api: { route: 'GET /api/orders', tokenKind: 'jwt', foundIn: 'the Authorization header', scopes: ['orders:read'], subject: 'app' },
        }),
      ]);
    });

    it('serves an opaque access token (client_credentials without resource) through the provider', async () => {
      const token = await clientToken(s.config, 'orders:read');
      expect(token.split('.')).toHaveLength(1);
      const since = s.idp.journal.lastId;
      await s.api().get('/api/orders').set('Authorization', `Bearer ${token}`).expect(200);
      expect(apiEntries(s.idp, since)[0]!.api).toMatchObject({ tokenKind: 'opaque', scopes: ['orders:read'], subject: 'app' });
    });

    it('serves a user’s JWT access token from the code flow with resource, filling {sub} in GET /api/me', async () => {
      const tokens = await signIn(s.config, 'alice', 'openid profile orders:read', s.idp.api);
      expect(decodeJwt(tokens.access_token)).toMatchObject({ sub: 'alice', aud: s.idp.api, scope: 'openid orders:read' });
      const res = await s.api().get('/api/me').set('Authorization', `Bearer ${tokens.access_token}`).expect(200);
      expect(res.body).toEqual({ sub: 'alice', client_id: 'app', scope: 'openid orders:read' });
    });

    it('serves a user’s opaque access token (no resource), which userinfo still accepts', async () => {
      const tokens = await signIn(s.config, 'alice', 'openid profile orders:read');
      expect(tokens.access_token.split('.')).toHaveLength(1);
      const res = await s.api().get('/api/me').set('Authorization', `Bearer ${tokens.access_token}`).expect(200);
      expect(res.body).toEqual({ sub: 'alice', client_id: 'app', scope: 'openid profile orders:read' });
      expect((await client.fetchUserInfo(s.config, tokens.access_token, 'alice')).name).toBe('Alice');
    });

    it('accepts a scheme written in any case ("bearer")', async () => {
      const token = await clientToken(s.config, 'orders:read', s.idp.api);
      await s.api().get('/api/orders').set('Authorization', `bearer ${token}`).expect(200);
    });

    it('serves GET /api/admin to a user whose token carries role = admin (roles and claims ride in access tokens)', async () => {
      const tokens = await signIn(s.config, 'carol', 'openid orders:read', s.idp.api);
      expect(decodeJwt(tokens.access_token)).toMatchObject({ roles: ['admin'], role: 'admin' });
      const res = await s.api().get('/api/admin').set('Authorization', `Bearer ${tokens.access_token}`).expect(200);
      expect(res.body).toEqual({ admin: true, sub: 'carol' });
    });
  });

  describe('after jwks.rotate: verified against the JWKS as published, as a real API reads it', () => {
    const orders = (token: string) => s.api().get('/api/orders').set('Authorization', `Bearer ${token}`);

    it('a soft rotation: tokens signed with the new key and with the old one are both served', async () => {
      const before = await clientToken(s.config, 'orders:read', s.idp.api);
      await s.idp.faults.add({ kind: 'jwks.rotate', kid: 'rotated-soft' });
      const after = await clientToken(s.config, 'orders:read', s.idp.api);
      expect(decodeProtectedHeader(after).kid).toBe('rotated-soft');
      await orders(after).expect(200);
      await orders(before).expect(200);
    });

    it('a hard rotation (keep_old: false): the old key is withdrawn, so a token signed before it is refused', async () => {
      const before = await clientToken(s.config, 'orders:read', s.idp.api);
      await s.idp.faults.add({ kind: 'jwks.rotate', kid: 'rotated-hard', keep_old: false });
      await orders(await clientToken(s.config, 'orders:read', s.idp.api)).expect(200);
      const refused = await orders(before).expect(401);
      expect(refused.body.error_description).toBe(`the access token is signed with key "${String(decodeProtectedHeader(before).kid)}", which the provider does not publish in its JWKS`);
    });

    it('rotated only at the token endpoint (the JWKS never publishes the key): refused, as at any API', async () => {
      await s.idp.faults.add({ kind: 'jwks.rotate', kid: 'rotated-unpublished', when: { endpoint: 'token' } });
      const refused = await orders(await clientToken(s.config, 'orders:read', s.idp.api)).expect(401);
      expect(refused.body.error_description).toBe('the access token is signed with key "rotated-unpublished", which the provider does not publish in its JWKS');
    });

    it('once the fault is cleared the rotated key is no longer published, and its tokens are refused', async () => {
      await s.idp.faults.add({ kind: 'jwks.rotate', kid: 'rotated-cleared' });
      const rotated = await clientToken(s.config, 'orders:read', s.idp.api);
      s.idp.faults.clear();
      await orders(rotated).expect(401);
      await orders(await clientToken(s.config, 'orders:read', s.idp.api)).expect(200);
    });
  });

  describe('clock.skew at the API: the API’s own clock is off', () => {
    it('ahead by more than the token’s lifetime: a genuine token is refused as expired, saying by whose clock; within it, served', async () => {
      const token = await clientToken(s.config, 'orders:read', s.idp.api);
      await s.idp.faults.add({ kind: 'clock.skew', seconds: 7200, when: { endpoint: 'api' } });
      const refused = await s.api().get('/api/orders').set('Authorization', `Bearer ${token}`).expect(401);
      expect(refused.body.error_description).toMatch(/^the access token expired at \S+ \(\d+ s ago by this API's clock, which runs 7200 s ahead \(authfault clock\.skew fault\)\)$/);
      s.idp.faults.clear();
      await s.idp.faults.add({ kind: 'clock.skew', seconds: 60, when: { endpoint: 'api' } });
      await s.api().get('/api/orders').set('Authorization', `Bearer ${token}`).expect(200);
    });
  });

  describe('401 without an error code when no credentials are sent', () => {
    it('challenges for Bearer and the API key header, with no error code (RFC 6750 §3.1)', async () => {
      const res = await s.api().get('/api/orders').expect(401);
      expect(res.headers['www-authenticate']).toBe(`Bearer realm="${realm}", ApiKey realm="${realm}", header="X-API-Key"`);
      expect(res.body).toEqual({ error_description: 'the request carries no credentials; send an access token as Authorization: Bearer <token> or an API key in the X-API-Key header' });
      expect(apiEntries(s.idp).at(-1)!.api).toEqual({ route: 'GET /api/orders', error: 'no_credentials' });
    });

    it('says which Authorization scheme it found when it is not Bearer', async () => {
      const res = await s.api().get('/api/orders').set('Authorization', `Basic ${Buffer.from('app:app-secret').toString('base64')}`).expect(401);
      expect(res.headers['www-authenticate']).toBe(`Bearer realm="${realm}", ApiKey realm="${realm}", header="X-API-Key"`);
      expect(res.body.error_description).toBe(
        'found Authorization: Basic credentials, which this API does not accept; send an access token as Authorization: Bearer <token> or an API key in the X-API-Key header',
      );
    });
  });

  describe('401 invalid_token, the description saying which check failed', () => {
    const refused = async (token: string, path = '/api/orders') => {
      const res = await s.api().get(path).set('Authorization', `Bearer ${token}`).expect(401);
      const description = res.body.error_description as string;
      expect(res.body).toEqual({ error: 'invalid_token', error_description: description });
      expect(res.headers['www-authenticate']).toBe(`Bearer realm="${realm}", error="invalid_token", error_description="${inHeader(description)}"`);
      return description;
    };

    it('expired JWT: when and how long ago, judged on the provider’s clock', async () => {
      await s.idp.faults.add({ kind: 'token.expired', token: 'access_token', by_s: 60 });
      const token = await clientToken(s.config, 'orders:read', s.idp.api);
      const exp = decodeJwt(token).exp!;
      // 60 s at issue; a second more when the call lands past a second boundary on a busy machine.
      const at = new Date(exp * 1000).toISOString().replace('.000Z', 'Z');
      expect(await refused(token)).toMatch(new RegExp(`^the access token expired at ${at.replace(/[.]/g, '\\.')} \\((60|61) s ago\\)$`));
    });

    it('expired opaque token: find() hands it back, the API checks isExpired itself', async () => {
      await s.idp.faults.add({ kind: 'token.expired', token: 'access_token', by_s: 120 });
      const token = await clientToken(s.config, 'openid orders:read');
      const tokens = await signIn(s.config, 'alice', 'openid orders:read');
      expect(await refused(tokens.access_token)).toMatch(/^the access token expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \((120|121) s ago\)$/);
      // client_credentials tokens are a model of their own; the fault changes only AccessToken.
      await s.api().get('/api/orders').set('Authorization', `Bearer ${token}`).expect(200);
    });

    it('bad signature: names the provider key it does not verify with', async () => {
      await s.idp.faults.add({ kind: 'token.bad-signature', token: 'access_token' });
      const token = await clientToken(s.config, 'orders:read', s.idp.api);
      const kid = decodeProtectedHeader(token).kid;
      expect(await refused(token)).toBe(`the access token's signature does not verify with the provider's key "${kid}" (it was changed after signing, or signed by someone else)`);
    });

    it('unknown key: a kid the provider does not publish', async () => {
      await s.idp.faults.add({ kind: 'token.unknown-kid', token: 'access_token' });
      const token = await clientToken(s.config, 'orders:read', s.idp.api);
      const kid = String(decodeProtectedHeader(token).kid);
      expect(await refused(token)).toBe(`the access token is signed with key "${kid}", which the provider does not publish in its JWKS`);
    });

    it('wrong audience: a real token for another resource', async () => {
      const token = await clientToken(s.config, 'orders:read', 'https://billing.example/api');
      expect(await refused(token)).toBe(`the access token is for audience "https://billing.example/api", not this API (${s.idp.api}); request it with resource=${s.idp.api}`);
    });

    it('wrong issuer', async () => {
      await s.idp.faults.add({ kind: 'token.wrong-issuer', token: 'access_token', value: 'https://evil.example' });
      const token = await clientToken(s.config, 'orders:read', s.idp.api);
      expect(await refused(token)).toBe(`the access token was issued by "https://evil.example", not by this API's provider ${s.idp.issuer}`);
    });

    it('revoked opaque token: at the revocation endpoint', async () => {
      const tokens = await signIn(s.config, 'alice', 'openid orders:read');
      await client.tokenRevocation(s.config, tokens.access_token);
      expect(await refused(tokens.access_token)).toBe('the access token has been revoked at the revocation endpoint');
    });

    it('revoked opaque token: with its grant, when a rotated refresh token is used twice', async () => {
      const tokens = await signIn(s.config, 'alice', 'openid orders:read');
      await client.refreshTokenGrant(s.config, tokens.refresh_token!);
      await expect(client.refreshTokenGrant(s.config, tokens.refresh_token!)).rejects.toThrow();
      expect(await refused(tokens.access_token)).toBe(
        'the access token has been revoked (with its grant: the user signed out, a refresh token was reused, or the grant was withdrawn)',
      );
    });

    it('an ID token sent as the access token', async () => {
      const tokens = await signIn(s.config, 'alice', 'openid orders:read');
      expect(await refused(tokens.id_token!)).toBe(`the bearer token is an ID token (typ absent, aud "app"), not an access token; send the access_token from the token response`);
    });

    it('a refresh token sent as the access token', async () => {
      const tokens = await signIn(s.config, 'alice', 'openid orders:read');
      expect(await refused(tokens.refresh_token!)).toBe('the bearer token is a refresh token, not an access token; send the access_token from the token response');
    });

    it('a token the provider never issued', async () => {
      expect(await refused('made-up-token')).toBe('the access token is not one this provider issued (unknown, or forgotten since the provider was reset)');
      expect(apiEntries(s.idp).at(-1)!.api).toEqual({ route: 'GET /api/orders', tokenKind: 'opaque', foundIn: 'the Authorization header', error: 'invalid_token' });
    });
  });

  describe('403 for a genuine token that may not do this', () => {
    it('insufficient_scope names the scope the route needs, in the challenge and the body', async () => {
      const token = await clientToken(s.config, 'orders:read', s.idp.api);
      const res = await s.api().post('/api/orders').set('Authorization', `Bearer ${token}`).send({ item: 'mug' }).expect(403);
      const description = 'this route requires scope "orders:write"; it carries "orders:read", so "orders:write" is missing';
      expect(res.body).toEqual({ error: 'insufficient_scope', error_description: description, scope: 'orders:write' });
      expect(res.headers['www-authenticate']).toBe(`Bearer realm="${realm}", error="insufficient_scope", error_description="${description.replace(/"/g, "'")}", scope="orders:write"`);
      expect(apiEntries(s.idp).at(-1)!.api).toMatchObject({ route: 'POST /api/orders', scopes: ['orders:read'], error: 'insufficient_scope' });
    });

    it('a missing role or claim is a 403 whose body says which, with no Bearer challenge', async () => {
      const tokens = await signIn(s.config, 'alice', 'openid orders:read', s.idp.api);
      const res = await s.api().get('/api/admin').set('Authorization', `Bearer ${tokens.access_token}`).expect(403);
      expect(res.headers['www-authenticate']).toBeUndefined();
      expect(res.body).toEqual({ error: 'forbidden', error_description: 'this route requires claim role = "admin" (it is absent)', required: { role: 'admin' } });
    });

    it('serves POST /api/orders with 201 when the token carries orders:write', async () => {
      const token = await clientToken(s.config, 'orders:write', s.idp.api);
      const res = await s.api().post('/api/orders').set('Authorization', `Bearer ${token}`).send({ item: 'mug' }).expect(201);
      expect(res.body).toEqual({ id: 'ord_1003', status: 'created' });
    });
  });

  describe('400 invalid_request', () => {
    const bad = async (build: (t: string) => ReturnType<Setup['api']> extends infer A ? Promise<import('supertest').Response> : never) => {
      const token = await clientToken(s.config, 'orders:read');
      const res = await build(token);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_request');
      expect(res.headers['www-authenticate']).toBe(`Bearer realm="${realm}", error="invalid_request", error_description="${inHeader(res.body.error_description as string)}"`);
      return res.body.error_description as string;
    };

    it('an access token in the query string (RFC 6750 §2.3 is not supported)', async () => {
      expect(await bad((t) => s.api().get(`/api/orders?access_token=${t}`))).toBe(
        'found an access token in the query string parameter access_token; this API takes access tokens only in the Authorization header (Authorization: Bearer <token>), as tokens in URLs and bodies end up in logs (RFC 6750 §2.2, §2.3, §5.3)',
      );
    });

    it('an access token in a form body (RFC 6750 §2.2 is not supported)', async () => {
      expect(await bad((t) => s.api().post('/api/orders').type('form').send({ access_token: t }))).toMatch(/^found an access token in the request body field access_token; /);
    });

    it('two credentials at once', async () => {
      expect(await bad((t) => s.api().get('/api/orders').set('Authorization', `Bearer ${t}`).set('X-API-Key', 'af_test_demo_0123456789abcdef'))).toBe(
        'the request carries 2 credentials (an opaque access token in the Authorization header, API key af_test_…cdef (test) in the X-API-Key header); send exactly one (RFC 6750 §2)',
      );
    });

    it('a malformed Authorization header', async () => {
      expect(await bad(() => s.api().get('/api/orders').set('Authorization', 'Bearer two words'))).toBe(
        'the Authorization header is malformed: the Bearer token has characters a token cannot have (spaces, quotes, commas …; RFC 6750 §2.1 b64token)',
      );
      expect(await bad(() => s.api().get('/api/orders').set('Authorization', 'Bearer'))).toBe('the Authorization header is malformed: it says Bearer but carries no token');
    });

    it('a JSON body that does not parse', async () => {
      expect(await bad(() => s.api().post('/api/orders').set('Content-Type', 'application/json').send('{"item":'))).toMatch(/^the request body is not valid JSON: /);
    });
  });

  describe('routes', () => {
    it('404 names the routes there are; 405 names the methods allowed', async () => {
      const missing = await s.api().get('/api/nope').expect(404);
      expect(missing.body).toEqual({ error: 'not_found', error_description: 'no route GET /api/nope; the API has GET /api/me, GET /api/orders, POST /api/orders, GET /api/admin' });
      const wrong = await s.api().delete('/api/orders').expect(405);
      expect(wrong.headers.allow).toBe('GET, POST');
      expect(wrong.body.error_description).toBe('DELETE is not allowed on /api/orders; it allows GET, POST');
    });
  });
});
