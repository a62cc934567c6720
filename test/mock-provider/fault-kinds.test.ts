import * as client from 'openid-client';
import * as jose from 'jose';
import supertest from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockProvider, type JournalEntry, type MockProviderHandle } from '../../mock-provider/index.js';
import { authorizationRequest, discover, type AuthorizationRequest } from '../helpers/authorization-request.js';
import { UserAgent } from '../helpers/user-agent.js';

const REDIRECT = 'http://127.0.0.1:9/callback';
const APP_SECRET = 'app-secret-fault-kinds-41b7';
const OTHER_SECRET = 'other-secret-fault-kinds-83e0';

describe('fault kinds, as a real client sees them', () => {
  let idp: MockProviderHandle;
  let http: supertest.Agent;

  beforeAll(async () => {
    idp = await createMockProvider({
      clients: [
        { client_id: 'app', client_secret: APP_SECRET, redirect_uris: [REDIRECT] },
        { client_id: 'other', client_secret: OTHER_SECRET, redirect_uris: [REDIRECT] },
      ],
    });
    http = supertest.agent(idp.origin);
  });
  afterAll(() => idp.close());
  afterEach(async () => {
    vi.useRealTimers();
    await idp.faults.clear();
  });

  /** Sign in as alice with a fresh browser and return the redirect back, with what the client kept. */
  async function authorize(params: Record<string, string | undefined> = {}): Promise<{ request: AuthorizationRequest; callback: URL }> {
    const request = await authorizationRequest(idp.issuer, 'app', REDIRECT, params);
    const browser = await UserAgent.open();
    try {
      return { request, callback: await browser.authorize(request.url.href, REDIRECT, 'alice') };
    } finally {
      await browser.dispose();
    }
  }

  /** The whole code flow through openid-client: a careful app's exchange with every check on. */
  async function codeFlow(scope = 'openid') {
    const config = await discover(idp.issuer, 'app', APP_SECRET);
    client.enableNonRepudiationChecks(config);
    const { request, callback } = await authorize({ scope });
    const since = idp.journal.lastId;
    const tokens = client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    return { config, request, callback, tokens, since };
  }

  /** The token endpoint's raw answer to a code exchange, as an app without a library sees it. */
  async function rawExchange() {
    const { request, callback } = await authorize();
    const before = Math.floor(Date.now() / 1000);
    const res = await http
      .post('/default/token')
      .auth('app', APP_SECRET)
      .type('form')
      .send({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: request.verifier })
      .expect(200);
    const after = Math.floor(Date.now() / 1000);
    return { body: res.body as Record<string, string>, before, after };
  }

  const faultsOf = (entries: JournalEntry[]) => entries.filter((e) => e.faults.length > 0);

  describe('state.tampered', () => {
    it('makes openid-client refuse the callback; the journal shows the change; cleared, the same flow succeeds', async () => {
      const [fault] = await idp.faults.add({ kind: 'state.tampered' });
      const since = idp.journal.lastId;
      const { request, callback, tokens } = await codeFlow();
      expect(callback.searchParams.get('state')).toBe(`${request.state}1`);
      const error = await tokens.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(client.ClientError);
      expect(error).toMatchObject({ code: 'OAUTH_INVALID_RESPONSE', message: 'invalid response encountered' });
      expect((error as Error).cause).toMatchObject({
        code: 'OAUTH_INVALID_RESPONSE',
        message: 'unexpected "state" response parameter value',
        cause: { expected: request.state },
      });

      const entries = idp.journal.entries(since);
      expect(faultsOf(entries)).toEqual([
        expect.objectContaining({
          endpoint: 'authorize',
          method: 'GET',
          path: expect.stringMatching(/^\/default\/auth\/[\w-]+$/),
          status: 303,
          clientId: 'app',
          faults: [{ id: fault!.id, kind: 'state.tampered', effect: `state "${request.state}" replaced by "${request.state}1"` }],
        }),
      ]);
      expect(entries.filter((e) => e.endpoint === 'token')).toEqual([]);
      expect(idp.faults.list()).toEqual([expect.objectContaining({ id: fault!.id, matched: 1, applied: 1 })]);

      await idp.faults.clear();
      const clean = await codeFlow();
      expect(clean.callback.searchParams.get('state')).toBe(clean.request.state);
      expect((await clean.tokens).claims()).toMatchObject({ sub: 'alice', nonce: clean.request.nonce });
      expect(faultsOf(idp.journal.entries(clean.since))).toEqual([]);
    });

    it('with value: "x", the state is exactly "x"', async () => {
      await idp.faults.add({ kind: 'state.tampered', value: 'x' });
      const { callback } = await authorize();
      expect(callback.searchParams.getAll('state')).toEqual(['x']);
    });

    it('leaves a request without state alone (applied stays 0), and the client finishes', async () => {
      const [fault] = await idp.faults.add({ kind: 'state.tampered' });
      const config = await discover(idp.issuer, 'app', APP_SECRET);
      const { request, callback } = await authorize({ state: undefined });
      expect(request.url.searchParams.has('state')).toBe(false);
      expect(callback.searchParams.has('state')).toBe(false);
      const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedNonce: request.nonce });
      expect(tokens.claims()?.sub).toBe('alice');
      expect(idp.faults.list()).toEqual([expect.objectContaining({ id: fault!.id, matched: 1, applied: 0 })]);
    });
  });

  describe('token.expired', () => {
    it('id_token: openid-client rejects it for its exp; cleared, the same flow succeeds', async () => {
      const [fault] = await idp.faults.add({ kind: 'token.expired' });
      const { tokens, since } = await codeFlow();
      const error = await tokens.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(client.ClientError);
      expect(error).toMatchObject({ code: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED', message: 'JWT timestamp claim value failed validation' });
      const cause = (error as Error).cause as { message: string; cause: { claim: string; now: number; claims: { exp: number } } };
      expect(cause.message).toBe('unexpected JWT "exp" (expiration time) claim value, expiration is past current timestamp');
      expect(cause.cause.claim).toBe('exp');
      expect(cause.cause.now - cause.cause.claims.exp).toBeGreaterThanOrEqual(360);
      expect(faultsOf(idp.journal.entries(since))).toEqual([
        expect.objectContaining({
          endpoint: 'token',
          status: 200,
          grantType: 'authorization_code',
          faults: [{ id: fault!.id, kind: 'token.expired', effect: 'id_token re-signed with exp 360s in the past' }],
        }),
      ]);

      await idp.faults.clear();
      expect((await (await codeFlow()).tokens).claims()?.sub).toBe('alice');
    });

    it('id_token: jose says ERR_JWT_EXPIRED, yet the signature is the provider’s (exp moved by exactly by_s)', async () => {
      await idp.faults.add({ kind: 'token.expired', by_s: 1234 });
      const { body, before, after } = await rawExchange();
      const jwks = jose.createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
      const options = { issuer: idp.issuer, audience: 'app', algorithms: ['RS256'] };
      const error = await jose.jwtVerify(body.id_token!, jwks, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(jose.errors.JWTExpired);
      expect(error).toMatchObject({ code: 'ERR_JWT_EXPIRED', message: '"exp" claim timestamp check failed', claim: 'exp', reason: 'check_failed' });

      const claims = jose.decodeJwt(body.id_token!);
      expect(claims.exp).toBeGreaterThanOrEqual(before - 1234);
      expect(claims.exp).toBeLessThanOrEqual(after - 1234);
      expect(claims.iat).toBeGreaterThanOrEqual(before);
      expect(claims.iat).toBeLessThanOrEqual(after);
      // At a time before exp the very same token verifies: only exp changed, the signature is good.
      const { payload, protectedHeader } = await jose.jwtVerify(body.id_token!, jwks, { ...options, currentDate: new Date((claims.exp! - 1) * 1000) });
      expect(payload).toMatchObject({ sub: 'alice', iss: idp.issuer, aud: 'app' });
      const published = (await http.get('/default/jwks').expect(200)).body.keys[0];
      expect(protectedHeader).toEqual({ alg: 'RS256', kid: published.kid });

      // The provider's own id_token, without the fault, has the same header and the normal lifetime.
      await idp.faults.clear();
      const clean = await rawExchange();
      expect(jose.decodeProtectedHeader(clean.body.id_token!)).toEqual(protectedHeader);
      const fresh = (await jose.jwtVerify(clean.body.id_token!, jwks, options)).payload;
      expect(fresh.exp! - fresh.iat!).toBe(3600);
    });

    it('access_token: userinfo answers 401 invalid_token and introspection says active: false', async () => {
      const [fault] = await idp.faults.add({ kind: 'token.expired', token: 'access_token' });
      const { config, tokens, since } = await codeFlow();
      const { access_token } = await tokens;
      expect(faultsOf(idp.journal.entries(since))).toEqual([
        expect.objectContaining({ endpoint: 'token', faults: [{ id: fault!.id, kind: 'token.expired', effect: 'stored access_token expired 360s ago' }] }),
      ]);

      const error = await client.fetchUserInfo(config, access_token, 'alice').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
      expect(error).toMatchObject({ code: 'OAUTH_WWW_AUTHENTICATE_CHALLENGE', status: 401 });
      expect((error as client.WWWAuthenticateChallengeError).cause[0]).toMatchObject({
        scheme: 'bearer',
        parameters: { error: 'invalid_token', error_description: 'invalid token provided' },
      });
      const raw = await http.get('/default/me').set('authorization', `Bearer ${access_token}`).expect(401);
      expect(raw.body).toEqual({ error: 'invalid_token', error_description: 'invalid token provided' });
      const introspection = await http.post('/default/token/introspection').auth('app', APP_SECRET).type('form').send({ token: access_token }).expect(200);
      expect(introspection.body).toEqual({ active: false });

      await idp.faults.clear();
      const clean = await (await codeFlow()).tokens;
      expect(await client.fetchUserInfo(config, clean.access_token, 'alice')).toEqual({ sub: 'alice' });
    });

    it('refresh_token: the refresh grant answers invalid_grant', async () => {
      await idp.faults.add({ kind: 'token.expired', token: 'refresh_token' });
      const { config, tokens } = await codeFlow();
      const { refresh_token } = await tokens;
      expect(refresh_token).toBeTruthy();
      const error = await client.refreshTokenGrant(config, refresh_token!).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(client.ResponseBodyError);
      expect(error).toMatchObject({ code: 'OAUTH_RESPONSE_BODY_ERROR', status: 400, error: 'invalid_grant', error_description: 'grant request is invalid' });

      await idp.faults.clear();
      const clean = await (await codeFlow()).tokens;
      const refreshed = await client.refreshTokenGrant(config, clean.refresh_token!);
      expect(refreshed.access_token).toBeTruthy();
    });

    it('leaves a response without the named token alone', async () => {
      const [fault] = await idp.faults.add({ kind: 'token.expired' });
      await http.post('/default/token').auth('app', APP_SECRET).type('form').send({ grant_type: 'client_credentials' }).expect(200);
      expect(idp.faults.list()).toEqual([expect.objectContaining({ id: fault!.id, matched: 1, applied: 0 })]);
    });
  });

  describe('rate-limit', () => {
    const tokenRequest = (clientId = 'app', secret = APP_SECRET) =>
      fetch(`${idp.issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
    const statuses = async (n: number, send: () => Promise<Response>) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await send()).status);
      return out;
    };

    it('limit 2 per 60 s: 200, 200, 429, 429 with Retry-After = seconds left in the window', async () => {
      const [fault] = await idp.faults.add({ kind: 'rate-limit', limit: 2, window_s: 60 });
      const since = idp.journal.lastId;
      const windowOpened = [Date.now(), 0];
      expect((await tokenRequest()).status).toBe(200);
      windowOpened[1] = Date.now();
      expect((await tokenRequest()).status).toBe(200);
      for (const _ of [1, 2]) {
        const sent = Date.now();
        const res = await tokenRequest();
        const received = Date.now();
        expect(res.status).toBe(429);
        // The window opened during the first request; the seconds left depend on when this one arrived.
        const retryAfter = Number(res.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil((windowOpened[0]! + 60_000 - received) / 1000));
        expect(retryAfter).toBeLessThanOrEqual(Math.ceil((windowOpened[1]! + 60_000 - sent) / 1000));
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(await res.json()).toEqual({
          error: 'temporarily_unavailable',
          error_description: `rate limit exceeded: 2 requests per 60s (authfault rate-limit fault); retry after ${retryAfter}s`,
        });
      }
      const entries = idp.journal.entries(since);
      expect(entries.map((e) => [e.endpoint, e.status, e.clientId])).toEqual([
        ['token', 200, 'app'],
        ['token', 200, 'app'],
        ['token', 429, 'app'],
        ['token', 429, 'app'],
      ]);
      for (const e of entries.slice(2)) {
        expect(e.retryAfter).toBeGreaterThanOrEqual(59);
        expect(e.faults).toEqual([{ id: fault!.id, kind: 'rate-limit', effect: `answered 429 with Retry-After: ${e.retryAfter}` }]);
      }
      expect(entries[0]!.retryAfter).toBeUndefined();
      expect(idp.faults.list()).toEqual([expect.objectContaining({ matched: 4, applied: 2 })]);
    });

    it('retry_after_s: 7 sends Retry-After: 7, and the journal records it', async () => {
      await idp.faults.add({ kind: 'rate-limit', retry_after_s: 7 });
      const since = idp.journal.lastId;
      const res = await tokenRequest();
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(await res.json()).toEqual({
        error: 'temporarily_unavailable',
        error_description: 'rate limit exceeded: 0 requests per 60s (authfault rate-limit fault); retry after 7s',
      });
      expect(idp.journal.entries(since)).toEqual([expect.objectContaining({ endpoint: 'token', status: 429, retryAfter: 7 })]);
    });

    it('per: client counts each client apart', async () => {
      await idp.faults.add({ kind: 'rate-limit', limit: 1, per: 'client' });
      expect(await statuses(2, () => tokenRequest('app', APP_SECRET))).toEqual([200, 429]);
      expect(await statuses(2, () => tokenRequest('other', OTHER_SECRET))).toEqual([200, 429]);
    });

    it('per: all (the default) counts every client together', async () => {
      await idp.faults.add({ kind: 'rate-limit', limit: 1 });
      expect(await statuses(1, () => tokenRequest('app', APP_SECRET))).toEqual([200]);
      expect(await statuses(1, () => tokenRequest('other', OTHER_SECRET))).toEqual([429]);
    });

    it('at when: { endpoint: userinfo } applies there and not at the token endpoint', async () => {
      const [fault] = await idp.faults.add({ kind: 'rate-limit', when: { endpoint: 'userinfo' } });
      const token = await tokenRequest();
      expect(token.status).toBe(200);
      const { access_token } = (await token.json()) as { access_token: string };
      const since = idp.journal.lastId;
      const res = await http.get('/default/me').set('authorization', `Bearer ${access_token}`).expect(429);
      expect(res.headers['retry-after']).toBe('60');
      expect(res.body.error).toBe('temporarily_unavailable');
      expect(idp.journal.entries(since)).toEqual([
        expect.objectContaining({
          endpoint: 'userinfo',
          status: 429,
          retryAfter: 60,
          faults: [{ id: fault!.id, kind: 'rate-limit', effect: 'answered 429 with Retry-After: 60' }],
        }),
      ]);
    });
  });

  describe('the envelope', () => {
    const tokenStatus = async (clientId = 'app', secret = APP_SECRET) =>
      (await http.post('/default/token').auth(clientId, secret).type('form').send({ grant_type: 'client_credentials' })).status;
    const run = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await tokenStatus());
      return out;
    };

    it('when.endpoint: applies at the points named and nowhere else', async () => {
      await idp.faults.add({ kind: 'rate-limit', when: { endpoint: ['discovery', 'jwks'] } });
      await http.get('/default/.well-known/openid-configuration').expect(429);
      await http.get('/default/jwks').expect(429);
      expect(await tokenStatus()).toBe(200);
    });

    it('when.client: only that client is affected', async () => {
      const [fault] = await idp.faults.add({ kind: 'rate-limit', when: { client: 'app' } });
      expect(await tokenStatus('other', OTHER_SECRET)).toBe(200);
      expect(await tokenStatus('app', APP_SECRET)).toBe(429);
      expect(await tokenStatus('other', OTHER_SECRET)).toBe(200);
      expect(idp.faults.list()).toEqual([expect.objectContaining({ id: fault!.id, matched: 1, applied: 1 })]);
    });

    it('when.client with state.tampered: another client’s callback keeps its state', async () => {
      await idp.faults.add({ kind: 'state.tampered', when: { client: 'other' } });
      const { request, callback } = await authorize();
      expect(callback.searchParams.get('state')).toBe(request.state);
    });

    it('nth: 2 applies to the second matching request only', async () => {
      const [fault] = await idp.faults.add({ kind: 'rate-limit', when: { nth: 2 } });
      expect(await run(4)).toEqual([200, 429, 200, 200]);
      expect(idp.faults.list()).toEqual([expect.objectContaining({ id: fault!.id, matched: 4, applied: 1 })]);
    });

    it('times: 1 applies once, then lets everything through', async () => {
      const [fault] = await idp.faults.add({ kind: 'rate-limit', when: { times: 1 } });
      expect(await run(3)).toEqual([429, 200, 200]);
      expect(idp.faults.list()).toEqual([expect.objectContaining({ id: fault!.id, matched: 3, applied: 1 })]);
    });

    it('after_ms: 0 applies at once; a large after_ms leaves requests alone and does not count them', async () => {
      const [late] = await idp.faults.add({ kind: 'rate-limit', when: { after_ms: 3_600_000 } });
      expect(await run(2)).toEqual([200, 200]);
      expect(idp.faults.list()).toEqual([expect.objectContaining({ id: late!.id, matched: 0, applied: 0 })]);
      await idp.faults.clear();
      await idp.faults.add({ kind: 'rate-limit', when: { after_ms: 0 } });
      expect(await run(1)).toEqual([429]);
    });

    it('after_ms counts from the fault’s createdAt: unaffected 1 ms before, affected at the mark', async () => {
      const [fault] = await idp.faults.add({ kind: 'rate-limit', when: { after_ms: 5_000 } });
      const createdAt = Date.parse(fault!.createdAt);
      // Move the wall clock instead of waiting; only Date is faked, timers and sockets run for real.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(createdAt + 4_999);
      expect(await tokenStatus()).toBe(200);
      vi.setSystemTime(createdAt + 5_000);
      expect(await tokenStatus()).toBe(429);
      vi.useRealTimers();
      expect(idp.faults.list()).toEqual([expect.objectContaining({ id: fault!.id, matched: 1, applied: 1 })]);
    });

    it('probability 0.5 with a fixed seed gives the same 20 outcomes twice; another seed gives others', async () => {
      const outcomes = async (seed: string) => {
        const other = await createMockProvider({ seed });
        try {
          await other.faults.add({ kind: 'rate-limit', when: { endpoint: 'discovery', probability: 0.5 } });
          const out: boolean[] = [];
          for (let i = 0; i < 20; i++) out.push((await fetch(`${other.issuer}/.well-known/openid-configuration`)).status === 429);
          expect(other.faults.list()[0]).toMatchObject({ matched: 20, applied: out.filter(Boolean).length });
          return out;
        } finally {
          await other.close();
        }
      };
      const first = await outcomes('envelope-seed-1');
      const again = await outcomes('envelope-seed-1');
      const elsewhere = await outcomes('envelope-seed-2');
      expect(again).toEqual(first);
      expect(first).toContain(true);
      expect(first).toContain(false);
      expect(elsewhere).not.toEqual(first);
    });
  });
});
