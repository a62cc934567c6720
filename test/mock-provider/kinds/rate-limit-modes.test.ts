import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { createMockProvider, getKind, parseFault, type JournalEntry, type MockProviderHandle } from '../../../mock-provider/index.js';
import type { FaultRequest, RequestEnv } from '../../../mock-provider/faults/types.js';
import { authorizationRequest } from '../../helpers/authorization-request.js';
import { loginThroughProvider } from '../../helpers/http-login.js';

const REDIRECT = 'http://127.0.0.1:9/cb';
const OTHER_REDIRECT = 'http://127.0.0.1:9/other/cb';

let idp: MockProviderHandle;
let app: client.Configuration;
let other: client.Configuration;

beforeAll(async () => {
  idp = await createMockProvider({
    clients: [
      { client_id: 'app', client_secret: 'app-secret', redirect_uris: [REDIRECT] },
      { client_id: 'other', client_secret: 'other-secret', redirect_uris: [OTHER_REDIRECT] },
    ],
  });
  // HTTP Basic, so client_id is known before the body is read: the request phase cannot see a
  // client_id posted in the body (client_secret_post, openid-client's default), and per: client
  // would then count every such caller under one key.
  const basic = (id: string, secret: string) =>
    client.discovery(new URL(idp.issuer), id, secret, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
  [app, other] = await Promise.all([basic('app', 'app-secret'), basic('other', 'other-secret')]);
});
afterEach(() => idp.faults.clear());
afterAll(() => idp.close());

const hook = getKind('rate-limit')!.hooks.request!;

function paramsOf(fault: Record<string, unknown>): any {
  const parsed = parseFault(fault);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.fault.params;
}

function req(over: Partial<FaultRequest> = {}): FaultRequest {
  return { point: 'token', method: 'POST', path: '/token', query: {}, clientId: 'app', ip: '127.0.0.1', now: 1_000_000, ...over };
}

const env: RequestEnv = {
  issuer: 'https://op.example',
  redirectAllowed: (clientId, uri) => clientId === 'app' && uri === REDIRECT,
  random: () => 0,
};

async function recorded(run: () => Promise<unknown>): Promise<JournalEntry[]> {
  const since = idp.journal.lastId;
  await run();
  return idp.journal.entries(since);
}

/** client_credentials as openid-client does it: the token, or the status and error it was refused with. */
async function tokenFor(config: client.Configuration): Promise<string | { status: number; error: string }> {
  try {
    return (await client.clientCredentialsGrant(config)).token_type;
  } catch (e) {
    expect(e).toBeInstanceOf(client.ResponseBodyError);
    const err = e as client.ResponseBodyError;
    return { status: err.status, error: err.error };
  }
}

const REFUSED = { status: 429, error: 'temporarily_unavailable' };

describe('rate-limit mode: parsing', () => {
  it('defaults to http-429', () => {
    expect(paramsOf({ kind: 'rate-limit' })).toEqual({ limit: 0, window_s: 60, per: 'all', mode: 'http-429' });
  });

  it('accepts mode redirect at authorize', () => {
    const parsed = parseFault({ kind: 'rate-limit', mode: 'redirect', when: { endpoint: 'authorize' } });
    expect(parsed).toMatchObject({ ok: true, fault: { params: { mode: 'redirect' }, when: { endpoint: ['authorize'] } } });
  });

  it.each([
    ['at the default point', undefined, 'token'],
    ['beside authorize', { endpoint: ['authorize', 'token', 'userinfo'] }, 'token, userinfo'],
  ])('refuses mode redirect %s, naming where it cannot apply', (_what, when, elsewhere) => {
    expect(parseFault({ kind: 'rate-limit', mode: 'redirect', ...(when ? { when } : {}) })).toEqual({
      ok: false,
      issues: [
        {
          code: 'FAULT_PARAMS_CONFLICT',
          path: ['mode'],
          message: `mode "redirect" answers an authorization request by redirecting back to the client, so it applies only at authorize, not at ${elsewhere}; set \`when: { endpoint: authorize }\` or use mode "http-429"`,
        },
      ],
    });
  });

  it('the provider refuses such a fault with AUTHFAULT_FAULT_INVALID and sets nothing', async () => {
    await expect(idp.faults.add({ kind: 'rate-limit', mode: 'redirect' })).rejects.toMatchObject({
      code: 'AUTHFAULT_FAULT_INVALID',
      message: expect.stringContaining('mode: mode "redirect" answers an authorization request'),
    });
    expect(idp.faults.list()).toEqual([]);
  });
});

describe('rate-limit hook', () => {
  it('per: ip keys on the caller\'s address', () => {
    const p = paramsOf({ kind: 'rate-limit', limit: 1, per: 'ip' });
    const state = {};
    expect(hook(req({ ip: '10.0.0.1' }), p, state, env)).toBeUndefined();
    expect(hook(req({ ip: '10.0.0.1', clientId: 'other' }), p, state, env)).toMatchObject({ type: 'respond', status: 429 });
    expect(hook(req({ ip: '10.0.0.2' }), p, state, env)).toBeUndefined();
  });

  it('per: client keys on client_id, per: all on nothing', () => {
    const perClient = paramsOf({ kind: 'rate-limit', limit: 1, per: 'client' });
    const s1 = {};
    expect(hook(req({ ip: '10.0.0.1' }), perClient, s1, env)).toBeUndefined();
    expect(hook(req({ ip: '10.0.0.2' }), perClient, s1, env)).toMatchObject({ status: 429 });
    expect(hook(req({ clientId: 'other' }), perClient, s1, env)).toBeUndefined();
    const all = paramsOf({ kind: 'rate-limit', limit: 1 });
    const s2 = {};
    expect(hook(req({ ip: '10.0.0.1' }), all, s2, env)).toBeUndefined();
    expect(hook(req({ ip: '10.0.0.2', clientId: 'other' }), all, s2, env)).toMatchObject({ status: 429 });
  });

  it('mode redirect: a registered redirect_uri gets error=temporarily_unavailable with state and iss; anything else the 429', () => {
    const p = paramsOf({ kind: 'rate-limit', mode: 'redirect', retry_after_s: 7, when: { endpoint: 'authorize' } });
    const authorize = (query: Record<string, string>) => req({ point: 'authorize', method: 'GET', path: '/auth', query, clientId: query.client_id ?? 'app' });
    const description = 'rate limit exceeded: 0 requests per 60s (authfault rate-limit fault); retry after 7s';
    const query = { client_id: 'app', redirect_uri: REDIRECT, response_type: 'code', state: 'xyz' };
    expect(hook(authorize(query), p, {}, env)).toEqual({
      type: 'redirect',
      location: `${REDIRECT}?${new URLSearchParams({ error: 'temporarily_unavailable', error_description: description, state: 'xyz', iss: 'https://op.example' })}`,
    });
    const refused = { type: 'respond', status: 429, headers: { 'Retry-After': '7', 'Cache-Control': 'no-store', Pragma: 'no-cache' }, body: { error: 'temporarily_unavailable', error_description: description } };
    expect(hook(authorize({ ...query, redirect_uri: 'https://evil.example/cb' }), p, {}, env)).toEqual(refused);
    // The resume of a login under way (/auth/<uid>) names no redirect_uri.
    expect(hook(req({ point: 'authorize', method: 'GET', path: '/auth/abc', query: {} }), p, {}, env)).toEqual(refused);
  });
});

describe('rate-limit at authorize, mode http-429 (the default)', () => {
  it('answers the request over the limit with 429 and Retry-After, a page the user is stranded on', async () => {
    await idp.faults.add({ kind: 'rate-limit', limit: 1, retry_after_s: 5, when: { endpoint: 'authorize' } });
    const first = await authorizationRequest(idp.issuer, 'app', REDIRECT);
    const second = await authorizationRequest(idp.issuer, 'app', REDIRECT);
    const entries = await recorded(async () => {
      const ok = await fetch(first.url, { redirect: 'manual' });
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toMatch(/\/interaction\//);
      const refused = await fetch(second.url, { redirect: 'manual' });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(refused.headers.get('location')).toBeNull();
      expect(await refused.json()).toEqual({
        error: 'temporarily_unavailable',
        error_description: 'rate limit exceeded: 1 requests per 60s (authfault rate-limit fault); retry after 5s',
      });
    });
    expect(entries.map((e) => [e.endpoint, e.status, e.retryAfter, e.faults.map((f) => `${f.kind}: ${f.effect}`)])).toEqual([
      ['authorize', 303, undefined, []],
      ['authorize', 429, 5, ['rate-limit: answered 429 with Retry-After: 5']],
    ]);
  });
});

describe('rate-limit at authorize, mode redirect', () => {
  it('sends the user back to the app with error=temporarily_unavailable; openid-client rejects with AuthorizationResponseError', async () => {
    await idp.faults.add({ kind: 'rate-limit', mode: 'redirect', retry_after_s: 30, when: { endpoint: 'authorize' } });
    const { url, state, verifier, nonce } = await authorizationRequest(idp.issuer, 'app', REDIRECT);
    const description = 'rate limit exceeded: 0 requests per 60s (authfault rate-limit fault); retry after 30s';
    const location = `${REDIRECT}?${new URLSearchParams({ error: 'temporarily_unavailable', error_description: description, state, iss: idp.issuer })}`;
    const entries = await recorded(async () => {
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(location);
      const thrown = await client
        .authorizationCodeGrant(app, new URL(location), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce })
        .then(() => undefined, (e: unknown) => e);
      expect(thrown).toBeInstanceOf(client.AuthorizationResponseError);
      expect((thrown as client.AuthorizationResponseError).error).toBe('temporarily_unavailable');
      expect((thrown as client.AuthorizationResponseError).error_description).toBe(description);
    });
    expect(entries.map((e) => [e.endpoint, e.status, e.faults.map((f) => `${f.kind}: ${f.effect}`)])).toEqual([
      ['authorize', 303, [`rate-limit: redirected to ${location}`]],
    ]);
  });

  it('never redirects to an unregistered redirect_uri: that request gets the 429', async () => {
    await idp.faults.add({ kind: 'rate-limit', mode: 'redirect', when: { endpoint: 'authorize' } });
    const { url } = await authorizationRequest(idp.issuer, 'app', 'https://evil.example/cb');
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(429);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('retry-after')).toBe('60');
  });

  it('signs in normally once cleared', async () => {
    await idp.faults.add({ kind: 'rate-limit', mode: 'redirect', when: { endpoint: 'authorize' } });
    idp.faults.clear();
    const request = await authorizationRequest(idp.issuer, 'app', REDIRECT);
    const callback = await loginThroughProvider(request.url.href, REDIRECT);
    const tokens = await client.authorizationCodeGrant(app, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce });
    expect(tokens.claims()!.sub).toBe('alice');
  });
});

describe('rate-limit per client, ip and all, with two real clients at the token endpoint', () => {
  it('per: client — each client has its own budget', async () => {
    await idp.faults.add({ kind: 'rate-limit', limit: 1, per: 'client' });
    const entries = await recorded(async () => {
      expect(await tokenFor(app)).toBe('bearer');
      expect(await tokenFor(app)).toEqual(REFUSED);
      expect(await tokenFor(other)).toBe('bearer');
      expect(await tokenFor(other)).toEqual(REFUSED);
    });
    expect(entries.map((e) => [e.clientId, e.status, e.faults.length])).toEqual([
      ['app', 200, 0],
      ['app', 429, 1],
      ['other', 200, 0],
      ['other', 429, 1],
    ]);
  });

  it.each(['all', 'ip'] as const)('per: %s — both clients share one budget (here every caller is 127.0.0.1)', async (per) => {
    await idp.faults.add({ kind: 'rate-limit', limit: 1, per });
    expect(await tokenFor(app)).toBe('bearer');
    expect(await tokenFor(other)).toEqual(REFUSED);
    expect(await tokenFor(app)).toEqual(REFUSED);
    expect(idp.faults.list()[0]).toMatchObject({ matched: 3, applied: 2 });
  });

  it('both clients get tokens again once cleared', async () => {
    await idp.faults.add({ kind: 'rate-limit', limit: 0 });
    expect(await tokenFor(app)).toEqual(REFUSED);
    idp.faults.clear();
    expect(await tokenFor(app)).toBe('bearer');
    expect(await tokenFor(other)).toBe('bearer');
  });
});
