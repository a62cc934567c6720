import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { createMockProvider, getKind, parseFault, type JournalEntry, type MockProviderHandle } from '../../../mock-provider/index.js';
import { alterRedirectUri } from '../../../mock-provider/faults/kinds/oauth-flow/redirect-mismatch.js';
import type { AnyFaultKind, FaultRequest, RequestEnv } from '../../../mock-provider/faults/types.js';
import { diffRedirectUri } from '../../../mock-provider/provider/render-error.js';
import { authorizationRequest, discover, type AuthorizationRequest } from '../../helpers/authorization-request.js';
import { loginThroughProvider } from '../../helpers/http-login.js';
import { UserAgent } from '../../helpers/user-agent.js';

const REDIRECT = 'http://127.0.0.1:9/cb';
const OTHER_REDIRECT = 'http://127.0.0.1:9/other/cb';
const SECRET = 'app-secret';

let idp: MockProviderHandle;
let config: client.Configuration;

beforeAll(async () => {
  idp = await createMockProvider({
    clients: [
      { client_id: 'app', client_secret: SECRET, redirect_uris: [REDIRECT] },
      { client_id: 'other', client_secret: 'other-secret', redirect_uris: [OTHER_REDIRECT] },
    ],
  });
  config = await discover(idp.issuer, 'app', SECRET);
});
afterEach(() => idp.faults.clear());
afterAll(() => idp.close());

/** The kind's hooks, typed loosely enough to call them with parsed parameters. */
function hooksOf(kind: string): AnyFaultKind['hooks'] {
  return getKind(kind)!.hooks;
}

/** A kind's parameters as the registry decodes them (defaults applied). */
function paramsOf(fault: Record<string, unknown>): any {
  const parsed = parseFault(fault);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.fault.params;
}

/** Start an authorization request and sign in as alice; returns the request and the callback URL. */
async function signIn(params: Record<string, string | undefined> = {}): Promise<{ request: AuthorizationRequest; callback: URL }> {
  const request = await authorizationRequest(idp.issuer, 'app', REDIRECT, params);
  const callback = await loginThroughProvider(request.url.href, REDIRECT, 'alice');
  return { request, callback };
}

function redeem(request: AuthorizationRequest, callback: URL) {
  return client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
  });
}

/** What openid-client threw, with its cause's message (oauth4webapi's precise reason). */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error & { code?: string; error?: string; error_description?: string; cause?: unknown },
  );
  expect(error, 'openid-client accepted the callback').toBeDefined();
  return { error: error!, cause: (error!.cause as Error | undefined)?.message };
}

/** The journal entries of whatever `run` does. */
async function recorded(run: () => Promise<unknown>): Promise<JournalEntry[]> {
  const since = idp.journal.lastId;
  await run();
  return idp.journal.entries(since);
}

function faultsOn(entries: JournalEntry[]) {
  return entries.flatMap((e) => e.faults.map((f) => ({ endpoint: e.endpoint, kind: f.kind, effect: f.effect })));
}

async function expectNormalSignIn() {
  const { request, callback } = await signIn();
  expect(callback.searchParams.get('state')).toBe(request.state);
  expect(callback.searchParams.get('iss')).toBe(idp.issuer);
  const tokens = await redeem(request, callback);
  expect(tokens.claims()!.sub).toBe('alice');
}

describe('state.missing', () => {
  it('removes state from a success response, and leaves a response without state alone', () => {
    const { authorizationResponse } = hooksOf('state.missing');
    const out: Record<string, unknown> = { code: 'c', state: 's', iss: idp.issuer };
    expect(authorizationResponse!(out, paramsOf({ kind: 'state.missing' }), {} as FaultRequest)).toBe('state removed from the authorization response');
    expect(out).toEqual({ code: 'c', iss: idp.issuer });
    const stateless: Record<string, unknown> = { code: 'c', iss: idp.issuer };
    expect(authorizationResponse!(stateless, {}, {} as FaultRequest)).toBeUndefined();
    expect(stateless).toEqual({ code: 'c', iss: idp.issuer });
  });

  it('openid-client refuses the callback: response parameter "state" missing; no code is redeemed', async () => {
    await idp.faults.add({ kind: 'state.missing' });
    let request!: AuthorizationRequest;
    const entries = await recorded(async () => {
      const signedIn = await signIn();
      request = signedIn.request;
      expect(signedIn.callback.searchParams.has('state')).toBe(false);
      expect(signedIn.callback.searchParams.get('code')).toBeTruthy();
      expect(signedIn.callback.searchParams.get('iss')).toBe(idp.issuer);
      const { error, cause } = await refusal(redeem(request, signedIn.callback));
      expect(error).toBeInstanceOf(client.ClientError);
      expect(error.code).toBe('OAUTH_INVALID_RESPONSE');
      expect(error.message).toBe('invalid response encountered');
      expect(cause).toBe('response parameter "state" missing');
    });
    expect(faultsOn(entries)).toEqual([{ endpoint: 'authorize', kind: 'state.missing', effect: 'state removed from the authorization response' }]);
    expect(entries.filter((e) => e.endpoint === 'token')).toEqual([]);
    expect(idp.faults.list()[0]).toMatchObject({ kind: 'state.missing', applied: 1 });
  });

  it('signs in normally once cleared', async () => {
    await idp.faults.add({ kind: 'state.missing' });
    idp.faults.clear();
    await expectNormalSignIn();
  });
});

describe('iss.mismatch', () => {
  it('appends "1" to iss by default, or sets `value`; a response without iss is left alone', () => {
    const { authorizationResponse } = hooksOf('iss.mismatch');
    const out: Record<string, unknown> = { code: 'c', state: 's', iss: 'https://op.example' };
    expect(authorizationResponse!(out, paramsOf({ kind: 'iss.mismatch' }), {} as FaultRequest)).toBe(
      'iss "https://op.example" replaced by "https://op.example1"',
    );
    expect(out.iss).toBe('https://op.example1');
    const other: Record<string, unknown> = { code: 'c', iss: 'https://op.example' };
    authorizationResponse!(other, paramsOf({ kind: 'iss.mismatch', value: 'https://evil.example' }), {} as FaultRequest);
    expect(other.iss).toBe('https://evil.example');
    const none: Record<string, unknown> = { code: 'c' };
    expect(authorizationResponse!(none, {}, {} as FaultRequest)).toBeUndefined();
    expect(none).toEqual({ code: 'c' });
  });

  it.each([
    ['the default (issuer + "1")', {}, (issuer: string) => `${issuer}1`],
    ['a set value', { value: 'https://evil.example/oidc' }, () => 'https://evil.example/oidc'],
  ])('openid-client refuses the callback (%s): unexpected "iss" (issuer) response parameter value', async (_what, extra, expected) => {
    await idp.faults.add({ kind: 'iss.mismatch', ...extra });
    const entries = await recorded(async () => {
      const { request, callback } = await signIn();
      expect(callback.searchParams.get('iss')).toBe(expected(idp.issuer));
      const { error, cause } = await refusal(redeem(request, callback));
      expect(error.code).toBe('OAUTH_INVALID_RESPONSE');
      expect(cause).toBe('unexpected "iss" (issuer) response parameter value');
    });
    expect(faultsOn(entries)).toEqual([
      { endpoint: 'authorize', kind: 'iss.mismatch', effect: `iss "${idp.issuer}" replaced by "${expected(idp.issuer)}"` },
    ]);
    expect(entries.filter((e) => e.endpoint === 'token')).toEqual([]);
  });

  it('signs in normally once cleared', async () => {
    await idp.faults.add({ kind: 'iss.mismatch' });
    idp.faults.clear();
    await expectNormalSignIn();
  });
});

describe('iss.missing', () => {
  it('removes iss from a success response', () => {
    const out: Record<string, unknown> = { code: 'c', state: 's', iss: 'https://op.example' };
    expect(hooksOf('iss.missing').authorizationResponse!(out, {}, {} as FaultRequest)).toBe('iss removed from the authorization response');
    expect(out).toEqual({ code: 'c', state: 's' });
  });

  it('openid-client refuses the callback because discovery promises iss: response parameter "iss" (issuer) missing', async () => {
    expect(config.serverMetadata().authorization_response_iss_parameter_supported).toBe(true);
    await idp.faults.add({ kind: 'iss.missing' });
    const entries = await recorded(async () => {
      const { request, callback } = await signIn();
      expect(callback.searchParams.has('iss')).toBe(false);
      expect(callback.searchParams.get('state')).toBe(request.state);
      const { error, cause } = await refusal(redeem(request, callback));
      expect(error.code).toBe('OAUTH_INVALID_RESPONSE');
      expect(cause).toBe('response parameter "iss" (issuer) missing');
    });
    expect(faultsOn(entries)).toEqual([{ endpoint: 'authorize', kind: 'iss.missing', effect: 'iss removed from the authorization response' }]);
  });

  it('signs in normally once cleared', async () => {
    await idp.faults.add({ kind: 'iss.missing' });
    idp.faults.clear();
    await expectNormalSignIn();
  });
});

describe.each([
  ['scope.denied', 'access_denied', 'The resource owner denied the request (authfault scope.denied).', 'permissions'],
  ['scope.invalid', 'invalid_scope', 'The requested scope is invalid, unknown, or malformed (authfault scope.invalid).', 'oauth-flow'],
] as const)('%s', (kind, error, description, category) => {
  it(`is filed under ${category}`, () => {
    expect(getKind(kind)!.category).toBe(category);
  });

  it(`turns a success into error=${error}, keeping state and iss and dropping the code`, () => {
    const out: Record<string, unknown> = { code: 'c', state: 's', iss: 'https://op.example' };
    expect(hooksOf(kind).authorizationResponse!(out, paramsOf({ kind }), {} as FaultRequest)).toBe(
      `authorization answered error=${error} instead of a code`,
    );
    expect(out).toEqual({ state: 's', iss: 'https://op.example', error, error_description: description });
    const custom: Record<string, unknown> = { code: 'c' };
    hooksOf(kind).authorizationResponse!(custom, paramsOf({ kind, description: 'no.' }), {} as FaultRequest);
    expect(custom).toEqual({ error, error_description: 'no.' });
  });

  it(`openid-client rejects with AuthorizationResponseError .error === "${error}" after a real sign-in`, async () => {
    await idp.faults.add({ kind });
    const entries = await recorded(async () => {
      const { request, callback } = await signIn();
      expect(Object.fromEntries(callback.searchParams)).toEqual({ error, error_description: description, state: request.state, iss: idp.issuer });
      const { error: thrown } = await refusal(redeem(request, callback));
      expect(thrown).toBeInstanceOf(client.AuthorizationResponseError);
      expect(thrown.error).toBe(error);
      expect(thrown.error_description).toBe(description);
    });
    expect(faultsOn(entries)).toEqual([{ endpoint: 'authorize', kind, effect: `authorization answered error=${error} instead of a code` }]);
    expect(entries.filter((e) => e.endpoint === 'token')).toEqual([]);
  });

  it('signs in normally once cleared', async () => {
    await idp.faults.add({ kind });
    idp.faults.clear();
    await expectNormalSignIn();
  });
});

describe('scope.downgraded', () => {
  it('grants the requested scopes that are in `grant`, and does not apply when nothing would change', () => {
    const { grantScopes } = hooksOf('scope.downgraded');
    const p = paramsOf({ kind: 'scope.downgraded', grant: 'openid profile' });
    expect(p.grant).toEqual(['openid', 'profile']);
    expect(grantScopes!(['openid', 'profile', 'email'], p, {} as FaultRequest)).toEqual(['openid', 'profile']);
    expect(grantScopes!(['openid', 'email'], p, {} as FaultRequest)).toEqual(['openid']);
    expect(grantScopes!(['openid', 'profile'], p, {} as FaultRequest)).toBeUndefined();
    expect(paramsOf({ kind: 'scope.downgraded', grant: ['openid', 'email'] }).grant).toEqual(['openid', 'email']);
  });

  it('refuses a grant without openid when the fault is parsed', () => {
    const parsed = parseFault({ kind: 'scope.downgraded', grant: 'profile email' });
    expect(parsed).toEqual({
      ok: false,
      issues: [{ code: 'FAULT_INVALID_PARAM', path: ['grant'], message: 'must include openid, or no id_token could be issued' }],
    });
  });

  it('the token response says "openid profile" and userinfo releases no email', async () => {
    await idp.faults.add({ kind: 'scope.downgraded', grant: 'openid profile' });
    const entries = await recorded(async () => {
      const { request, callback } = await signIn({ scope: 'openid profile email' });
      const tokens = await redeem(request, callback);
      expect(tokens.scope).toBe('openid profile');
      const info = await client.fetchUserInfo(config, tokens.access_token, 'alice');
      expect(info).toMatchObject({ sub: 'alice', name: 'Alice Example' });
      expect(info).not.toHaveProperty('email');
      expect(info).not.toHaveProperty('email_verified');
      expect(tokens.claims()!.email).toBeUndefined();
    });
    expect(faultsOn(entries)).toEqual([
      { endpoint: 'authorize', kind: 'scope.downgraded', effect: 'granted scope "openid profile" of the requested "openid profile email"' },
    ]);
    expect(idp.faults.list()[0]).toMatchObject({ applied: 1 });
  });

  it('in one browser session: downgraded while set, everything again once cleared (the rejection does not stick to the grant)', async () => {
    const browser = await UserAgent.open();
    const signInAgain = async () => {
      const request = await authorizationRequest(idp.issuer, 'app', REDIRECT, { scope: 'openid profile email' });
      const tokens = await redeem(request, await browser.authorize(request.url.href, REDIRECT));
      return [tokens.scope, (await client.fetchUserInfo(config, tokens.access_token, 'alice')).email];
    };
    try {
      expect(await signInAgain()).toEqual(['openid profile email', 'alice@example.com']);
      await idp.faults.add({ kind: 'scope.downgraded', grant: ['openid', 'profile'] });
      expect(await signInAgain()).toEqual(['openid profile', undefined]);
      idp.faults.clear();
      expect(await signInAgain()).toEqual(['openid profile email', 'alice@example.com']);
    } finally {
      await browser.dispose();
    }
  });

  it('grants everything requested once cleared', async () => {
    await idp.faults.add({ kind: 'scope.downgraded', grant: 'openid profile' });
    idp.faults.clear();
    const { request, callback } = await signIn({ scope: 'openid profile email' });
    const tokens = await redeem(request, callback);
    expect(tokens.scope).toBe('openid profile email');
    expect((await client.fetchUserInfo(config, tokens.access_token, 'alice')).email).toBe('alice@example.com');
  });
});

describe('authorize.error', () => {
  const env: RequestEnv = {
    issuer: 'https://op.example',
    redirectAllowed: (clientId, uri) => clientId === 'app' && uri === REDIRECT,
    random: () => 0,
  };
  const req = (query: Record<string, string>, method = 'GET'): FaultRequest => ({
    point: 'authorize',
    method,
    path: '/auth',
    query,
    clientId: query.client_id ?? 'app',
    ip: '127.0.0.1',
    now: Date.now(),
  });
  const request = hooksOf('authorize.error').request!;

  it('redirects to a registered redirect_uri in the request\'s response mode, and nowhere else', () => {
    const p = paramsOf({ kind: 'authorize.error', error: 'server_error' });
    const description = 'The authorization server encountered an unexpected condition (authfault authorize.error).';
    const base = { client_id: 'app', redirect_uri: REDIRECT, response_type: 'code', state: 'xyz' };
    const expected = new URLSearchParams({ error: 'server_error', error_description: description, state: 'xyz', iss: 'https://op.example' });
    expect(request(req(base), p, {}, env)).toEqual({ type: 'redirect', location: `${REDIRECT}?${expected}` });
    expect(request(req({ ...base, response_mode: 'fragment' }), p, {}, env)).toEqual({ type: 'redirect', location: `${REDIRECT}#${expected}` });
    const posted = request(req({ ...base, response_mode: 'form_post' }), p, {}, env);
    expect(posted).toMatchObject({ type: 'respond', status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    const html = (posted as { body: string }).body;
    expect(html).toContain(`<form method="post" action="http://127.0.0.1:9/cb">`);
    expect(html).toContain('<input type="hidden" name="error" value="server_error">');
    expect(html).toContain('<input type="hidden" name="state" value="xyz">');
    const { state: _state, ...stateless } = base;
    const noState = new URLSearchParams({ error: 'server_error', error_description: description, iss: 'https://op.example' });
    expect(request(req(stateless), p, {}, env)).toEqual({ type: 'redirect', location: `${REDIRECT}?${noState}` });
    // Never an open redirect, nor a redirect where the request names none (the resume at /auth/<uid>, a POST).
    expect(request(req({ ...base, redirect_uri: 'https://evil.example/cb' }), p, {}, env)).toBeUndefined();
    expect(request(req({ ...base, client_id: 'other' }), p, {}, env)).toBeUndefined();
    expect(request(req({}), p, {}, env)).toBeUndefined();
    expect(request(req(base, 'POST'), p, {}, env)).toBeUndefined();
  });

  it.each(['server_error', 'temporarily_unavailable', 'login_required', 'consent_required', 'interaction_required'] as const)(
    'error=%s comes back at once, before any login page; openid-client rejects with AuthorizationResponseError',
    async (error) => {
      await idp.faults.add({ kind: 'authorize.error', error, description: `it is ${error}` });
      const { url, state, verifier, nonce } = await authorizationRequest(idp.issuer, 'app', REDIRECT);
      const entries = await recorded(async () => {
        const res = await fetch(url, { redirect: 'manual' });
        expect(res.status).toBe(303);
        const callback = new URL(res.headers.get('location')!);
        expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
        expect(Object.fromEntries(callback.searchParams)).toEqual({ error, error_description: `it is ${error}`, state, iss: idp.issuer });
        const { error: thrown } = await refusal(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }));
        expect(thrown).toBeInstanceOf(client.AuthorizationResponseError);
        expect(thrown.error).toBe(error);
      });
      expect(entries.map((e) => [e.endpoint, e.status])).toEqual([['authorize', 303]]);
      expect(faultsOn(entries)).toEqual([
        { endpoint: 'authorize', kind: 'authorize.error', effect: `redirected to ${REDIRECT}?${new URLSearchParams({ error, error_description: `it is ${error}`, state, iss: idp.issuer })}` },
      ]);
    },
  );

  it('answers a form_post request with a self-submitting form to the redirect_uri', async () => {
    await idp.faults.add({ kind: 'authorize.error', error: 'login_required' });
    const { url, state } = await authorizationRequest(idp.issuer, 'app', REDIRECT, { response_mode: 'form_post', prompt: 'none' });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    expect(html).toContain(`<form method="post" action="${REDIRECT}">`);
    expect(fields).toEqual({
      error: 'login_required',
      error_description: 'End-User authentication is required (authfault authorize.error).',
      state,
      iss: idp.issuer,
    });
  });

  it('does nothing for an unregistered redirect_uri: the provider refuses it itself, nothing is redirected', async () => {
    await idp.faults.add({ kind: 'authorize.error', error: 'server_error' });
    const { url } = await authorizationRequest(idp.issuer, 'app', 'https://evil.example/cb');
    const entries = await recorded(async () => {
      const res = await fetch(url, { redirect: 'manual', headers: { accept: 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.json()).toMatchObject({ error: 'invalid_redirect_uri' });
    });
    expect(faultsOn(entries)).toEqual([]);
    expect(idp.faults.list()[0]).toMatchObject({ applied: 0 });
  });

  it('the user meets the login page again once cleared, and signs in', async () => {
    await idp.faults.add({ kind: 'authorize.error', error: 'temporarily_unavailable' });
    idp.faults.clear();
    const { url } = await authorizationRequest(idp.issuer, 'app', REDIRECT);
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\/interaction\/[^/]+$/);
    await expectNormalSignIn();
  });
});

describe('redirect.mismatch', () => {
  const VARIANTS = [
    ['trailing-slash', 'http://127.0.0.1:9/cb/', ['trailing slash']],
    ['scheme', 'https://127.0.0.1:9/cb', ['scheme (http ≠ https)']],
    ['host', 'http://localhost:9/cb', ['host (127.0.0.1 ≠ localhost)']],
    ['port', 'http://127.0.0.1:10/cb', ['port (9 ≠ 10)']],
    ['path', 'http://127.0.0.1:9/oauth2/cb', ['path (/cb ≠ /oauth2/cb)']],
    ['case', 'http://127.0.0.1:9/Cb', ['path case']],
  ] as const;

  describe('alterRedirectUri', () => {
    it.each(VARIANTS)('%s: %s', (variant, altered) => {
      expect(alterRedirectUri(REDIRECT, variant)).toBe(altered);
    });

    it.each([
      ['https://app.example/callback/', 'trailing-slash', 'https://app.example/callback'],
      ['http://127.0.0.1:9', 'trailing-slash', 'http://127.0.0.1:9/'],
      ['https://app.example/cb?tenant=a', 'trailing-slash', 'https://app.example/cb/?tenant=a'],
      ['https://app.example/cb', 'scheme', 'http://app.example/cb'],
      ['http://localhost:3000/cb', 'host', 'http://127.0.0.1:3000/cb'],
      ['https://app.example/cb', 'host', 'https://www.app.example/cb'],
      ['https://www.app.example/cb', 'host', 'https://app.example/cb'],
      ['https://app.example/cb', 'port', 'https://app.example:8443/cb'],
      ['http://app.example/cb', 'port', 'http://app.example:8080/cb'],
      ['http://127.0.0.1:65535/cb', 'port', 'http://127.0.0.1:65534/cb'],
      ['https://app.example/', 'path', 'https://app.example/oauth2/'],
      ['https://app.example/CB', 'case', 'https://app.example/cB'],
      ['https://app.example/', 'case', 'https://App.example/'],
      ['http://127.0.0.1:9/', 'case', 'HTTP://127.0.0.1:9/'],
    ] as const)('%s, %s → %s', (uri, variant, altered) => {
      expect(alterRedirectUri(uri, variant)).toBe(altered);
    });
  });

  describe('diffRedirectUri', () => {
    it.each(VARIANTS)('names the part the %s variant changed', (_variant, altered, differences) => {
      expect(diffRedirectUri(REDIRECT, [altered])).toEqual({ requested: REDIRECT, registered: [altered], closest: altered, differences });
    });

    it.each([
      ['a registered trailing slash the request lacks', 'https://app.example/cb', 'https://app.example/cb/', ['trailing slash']],
      ['an empty path against "/"', 'http://127.0.0.1:9', 'http://127.0.0.1:9/', ['trailing slash']],
      ['host case', 'https://App.Example/cb', 'https://app.example/cb', ['host case']],
      ['scheme case', 'HTTPS://app.example/cb', 'https://app.example/cb', ['scheme case (HTTPS ≠ https)']],
      ['a default port written out', 'https://app.example:443/cb', 'https://app.example/cb', ['port written out (443 ≠ default)']],
      ['a default port left out', 'http://app.example/cb', 'http://app.example:80/cb', ['port written out (default ≠ 80)']],
      ['a non-default port against none', 'https://app.example:8443/cb', 'https://app.example/cb', ['port (8443 ≠ default)']],
      ['scheme alone when neither writes a port', 'http://app.example/cb', 'https://app.example/cb', ['scheme (http ≠ https)']],
      ['path case and a trailing slash together', 'https://app.example/Cb/', 'https://app.example/cb', ['path case', 'trailing slash']],
      ['another path that also ends in a slash', 'https://app.example/a/', 'https://app.example/b', ['path (/a/ ≠ /b)']],
      ['a query', 'https://app.example/cb?x=1', 'https://app.example/cb', ['query (?x=1 ≠ none)']],
      ['a fragment', 'https://app.example/cb#top', 'https://app.example/cb', ['fragment (#top ≠ none)']],
      ['several parts', 'https://localhost:3001/auth/callback', 'http://127.0.0.1:3000/callback', ['scheme (https ≠ http)', 'host (localhost ≠ 127.0.0.1)', 'port (3001 ≠ 3000)', 'path (/auth/callback ≠ /callback)']],
      ['a relative URI', '/cb', 'https://app.example/cb', ['not a valid absolute URI']],
    ])('%s', (_what, requested, registered, differences) => {
      expect(diffRedirectUri(requested, [registered])).toEqual({ requested, registered: [registered], closest: registered, differences });
    });

    it('picks the registered URI with the fewest differences as the closest', () => {
      const registered = ['https://admin.example/cb', 'http://127.0.0.1:3000/callback', 'http://127.0.0.1:3000/callback/'];
      expect(diffRedirectUri('http://127.0.0.1:3000/Callback', registered)).toEqual({
        requested: 'http://127.0.0.1:3000/Callback',
        registered,
        closest: 'http://127.0.0.1:3000/callback',
        differences: ['path case'],
      });
    });

    it('says so when the client has no redirect URI at all', () => {
      expect(diffRedirectUri(REDIRECT, [])).toEqual({ requested: REDIRECT, registered: [], differences: ['no redirect URI is registered for this client'] });
    });
  });

  it.each(VARIANTS)(
    '%s: the real authorization request is refused with JSON naming the difference, and the journal records mismatch and fault',
    async (variant, altered, differences) => {
      const [view] = await idp.faults.add({ kind: 'redirect.mismatch', variant });
      expect(idp.clients.find((c) => c.client_id === 'app')!.redirect_uris).toEqual([altered]);
      const { url, state } = await authorizationRequest(idp.issuer, 'app', REDIRECT);
      const entries = await recorded(async () => {
        const res = await fetch(url, { redirect: 'manual', headers: { accept: 'application/json' } });
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({
          error: 'invalid_redirect_uri',
          error_description: "redirect_uri did not match any of the client's registered redirect_uris",
          redirect_uri_mismatch: { requested: REDIRECT, registered: [altered], closest: altered, differences },
          hint: 'A redirect.mismatch fault set on this provider changed the registered redirect URI for this run, on purpose: a correct app shows an error here. Remove the fault (authfault fault clear, or the admin page) to sign in again.',
          state,
          iss: idp.issuer,
        });
      });
      expect(entries).toEqual([
        expect.objectContaining({
          endpoint: 'authorize',
          status: 400,
          redirectMismatch: { requested: REDIRECT, registered: [altered], closest: altered, differences },
          faults: [{ id: view!.id, kind: 'redirect.mismatch', effect: `redirect_uri ${REDIRECT} is registered as ${altered} for this run (${variant})` }],
        }),
      ]);
      expect(idp.faults.list()[0]).toMatchObject({ applied: 1 });
      idp.faults.clear();
      expect(idp.clients.find((c) => c.client_id === 'app')!.redirect_uris).toEqual([REDIRECT]);
      await expectNormalSignIn();
    },
  );

  it('shows a person the requested and registered URIs and what differs', async () => {
    await idp.faults.add({ kind: 'redirect.mismatch' });
    const { url } = await authorizationRequest(idp.issuer, 'app', REDIRECT);
    const res = await fetch(url, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain(`<h2>redirect_uri mismatch</h2><p>Requested: <code>${REDIRECT}</code></p>`);
    expect(html).toContain(`<p>Registered: <code>${REDIRECT}/</code></p>`);
    expect(html).toContain(`<p>Differs from <code>${REDIRECT}/</code> in: <strong>trailing slash</strong></p>`);
  });

  it('alters every client by default, only `client` or `when.client` when named, and restores them when removed', async () => {
    const uris = () => Object.fromEntries(idp.clients.map((c) => [c.client_id, c.redirect_uris]));
    const [all] = await idp.faults.add({ kind: 'redirect.mismatch', variant: 'port' });
    expect(uris()).toEqual({ app: ['http://127.0.0.1:10/cb'], other: ['http://127.0.0.1:10/other/cb'] });
    idp.faults.remove(all!.id);
    expect(uris()).toEqual({ app: [REDIRECT], other: [OTHER_REDIRECT] });

    await idp.faults.add({ kind: 'redirect.mismatch', variant: 'port', client: 'other' });
    expect(uris()).toEqual({ app: [REDIRECT], other: ['http://127.0.0.1:10/other/cb'] });
    idp.faults.clear();

    await idp.faults.add({ kind: 'redirect.mismatch', when: { client: 'app' } });
    expect(uris()).toEqual({ app: [`${REDIRECT}/`], other: [OTHER_REDIRECT] });
    // The untouched client still signs in.
    const request = await authorizationRequest(idp.issuer, 'other', OTHER_REDIRECT);
    const callback = await loginThroughProvider(request.url.href, OTHER_REDIRECT);
    expect(callback.searchParams.get('code')).toBeTruthy();
  });

  it('stacked faults on one client unwind to the original registration', async () => {
    await idp.faults.add([
      { kind: 'redirect.mismatch', variant: 'port', client: 'app' },
      { kind: 'redirect.mismatch', variant: 'scheme', client: 'app' },
    ]);
    expect(idp.clients.find((c) => c.client_id === 'app')!.redirect_uris).toEqual(['https://127.0.0.1:10/cb']);
    idp.faults.clear();
    expect(idp.clients.find((c) => c.client_id === 'app')!.redirect_uris).toEqual([REDIRECT]);
  });

  it('explains a real misconfiguration the same way, with no fault set', async () => {
    const { url } = await authorizationRequest(idp.issuer, 'app', 'http://localhost:9/cb/');
    const entries = await recorded(async () => {
      const res = await fetch(url, { redirect: 'manual', headers: { accept: 'application/json' } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { redirect_uri_mismatch: unknown }).redirect_uri_mismatch).toEqual({
        requested: 'http://localhost:9/cb/',
        registered: [REDIRECT],
        closest: REDIRECT,
        differences: ['host (localhost ≠ 127.0.0.1)', 'trailing slash'],
      });
    });
    expect(entries).toEqual([expect.objectContaining({ status: 400, faults: [], redirectMismatch: expect.objectContaining({ differences: ['host (localhost ≠ 127.0.0.1)', 'trailing slash'] }) })]);
  });
});
