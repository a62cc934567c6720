import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type JournalEntry, type MockProviderHandle } from '../../../mock-provider/index.js';
import { clientInvalid } from '../../../mock-provider/faults/kinds/credentials/client-invalid.js';
import { clientUnauthorized } from '../../../mock-provider/faults/kinds/credentials/client-unauthorized.js';
import { grantUnsupported } from '../../../mock-provider/faults/kinds/credentials/grant-unsupported.js';
import { userinfoInsufficientScope } from '../../../mock-provider/faults/kinds/permissions/userinfo-insufficient-scope.js';
import type { AnyFaultKind, FaultRequest, InjectionPoint, RequestEnv } from '../../../mock-provider/faults/types.js';
import { authorizationRequest, discover } from '../../helpers/authorization-request.js';
import { UserAgent } from '../../helpers/user-agent.js';

const REDIRECT = 'http://127.0.0.1:9/cb';
const SECRET = 'app-secret-credentials-permissions-9a2c';

let idp: MockProviderHandle;

beforeAll(async () => {
  idp = await createMockProvider({ clients: [{ client_id: 'app', client_secret: SECRET, redirect_uris: [REDIRECT] }] });
});
afterAll(() => idp.close());
afterEach(() => idp.faults.clear());

const faultsOf = (entries: JournalEntry[]) => entries.filter((e) => e.faults.length > 0);

/** Call a kind's request hook the way the engine does, with its defaults applied to `params`. */
function request(kind: AnyFaultKind, point: InjectionPoint, params: Record<string, unknown> = {}) {
  const req: FaultRequest = { point, method: 'POST', path: `/tenant/${point}`, query: {}, clientId: 'app', ip: '127.0.0.1', now: Date.now() };
  const env: RequestEnv = { issuer: 'https://op.example/tenant', redirectAllowed: () => false, random: () => 0 };
  return kind.hooks.request!(req, kind.params.parse(params), {}, env);
}

async function login(scope = 'openid') {
  const request = await authorizationRequest(idp.issuer, 'app', REDIRECT, { scope });
  const ua = await UserAgent.open();
  try {
    return { request, callback: await ua.authorize(request.url.href, REDIRECT, 'alice') };
  } finally {
    await ua.dispose();
  }
}

/** A plain HTTP caller at an endpoint under the issuer, authenticating as the client with Basic. */
async function post(path: string, params: Record<string, string>) {
  const res = await fetch(`${idp.issuer}${path}`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`app:${SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe('client.invalid', () => {
  it('unit: 401 invalid_client with a Basic challenge naming the issuer, never cached', () => {
    expect(request(clientInvalid, 'token')).toEqual({
      type: 'respond',
      status: 401,
      headers: { 'WWW-Authenticate': 'Basic realm="https://op.example/tenant"', 'Cache-Control': 'no-store', Pragma: 'no-cache' },
      body: { error: 'invalid_client', error_description: 'client authentication failed (authfault client.invalid fault)' },
    });
    expect(request(clientInvalid, 'token', { description: 'secret expired' })).toMatchObject({ body: { error: 'invalid_client', error_description: 'secret expired' } });
  });

  it('openid-client sees the 401 as a Basic challenge (the JSON body says invalid_client); the code is not spent; cleared, the same code redeems', async () => {
    const [fault] = await idp.faults.add({ kind: 'client.invalid' });
    const config = await discover(idp.issuer, 'app', SECRET);

    const since = idp.journal.lastId;
    const cc = await client.clientCredentialsGrant(config).catch((e: unknown) => e);
    expect(cc).toBeInstanceOf(client.WWWAuthenticateChallengeError);
    const challenge = cc as client.WWWAuthenticateChallengeError;
    expect(challenge).toMatchObject({ code: 'OAUTH_WWW_AUTHENTICATE_CHALLENGE', status: 401 });
    expect(challenge.cause).toEqual([{ scheme: 'basic', parameters: { realm: idp.issuer } }]);
    expect(await challenge.response.json()).toEqual({ error: 'invalid_client', error_description: 'client authentication failed (authfault client.invalid fault)' });
    // openid-client 6 defaults to client_secret_post: the client_id is in the body, which the
    // request phase does not read, so this entry has no clientId (the Basic one below has).
    expect(idp.journal.entries(since)).toEqual([
      expect.objectContaining({ endpoint: 'token', status: 401, faults: [{ id: fault!.id, kind: 'client.invalid', effect: 'answered 401' }] }),
    ]);

    const { request: auth, callback } = await login();
    const options = { pkceCodeVerifier: auth.verifier, expectedState: auth.state, expectedNonce: auth.nonce };
    const code = await client.authorizationCodeGrant(config, callback, options).catch((e: unknown) => e);
    expect(code).toBeInstanceOf(client.WWWAuthenticateChallengeError);
    expect(code).toMatchObject({ status: 401 });

    const beforeRaw = idp.journal.lastId;
    const raw = await post('/token', { grant_type: 'client_credentials' });
    expect(idp.journal.entries(beforeRaw)).toEqual([expect.objectContaining({ endpoint: 'token', status: 401, clientId: 'app' })]);
    expect(raw.status).toBe(401);
    expect(raw.headers.get('www-authenticate')).toBe(`Basic realm="${idp.issuer}"`);
    expect(raw.headers.get('cache-control')).toBe('no-store');
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    expect(raw.body.error).toBe('invalid_client');
    // Only the token endpoint by default: introspection authenticates the same client normally.
    expect((await post('/token/introspection', { token: 'x' })).body).toEqual({ active: false });

    idp.faults.clear();
    expect((await client.clientCredentialsGrant(config)).access_token).toBeTruthy();
    // The provider never saw the refused exchange, so the code is still good.
    expect((await client.authorizationCodeGrant(config, callback, options)).claims()?.sub).toBe('alice');
  });

  it('placed at introspection and revocation, it answers there and leaves the token endpoint alone', async () => {
    const [fault] = await idp.faults.add({ kind: 'client.invalid', when: { endpoint: ['introspection', 'revocation'] } });
    const token = await post('/token', { grant_type: 'client_credentials' });
    expect(token.status).toBe(200);
    const since = idp.journal.lastId;
    const introspection = await post('/token/introspection', { token: token.body.access_token as string });
    expect(introspection).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(introspection.headers.get('www-authenticate')).toBe(`Basic realm="${idp.issuer}"`);
    expect((await post('/token/revocation', { token: token.body.access_token as string })).status).toBe(401);
    expect(faultsOf(idp.journal.entries(since)).map((e) => [e.endpoint, e.status, e.faults[0]!.kind])).toEqual([
      ['introspection', 401, 'client.invalid'],
      ['revocation', 401, 'client.invalid'],
    ]);
    expect(fault!.when.endpoint).toEqual(['introspection', 'revocation']);
    await expect(idp.faults.add({ kind: 'client.invalid', when: { endpoint: 'userinfo' } })).rejects.toMatchObject({ code: 'AUTHFAULT_FAULT_INVALID' });
  });
});

describe('client.unauthorized', () => {
  it('unit: 400 unauthorized_client, never cached, no challenge', () => {
    expect(request(clientUnauthorized, 'token')).toEqual({
      type: 'respond',
      status: 400,
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
      body: { error: 'unauthorized_client', error_description: 'the client is not authorized to use this grant type (authfault client.unauthorized fault)' },
    });
  });

  it('openid-client rejects the code exchange with ResponseBodyError unauthorized_client; only the token endpoint answers so; cleared, it works', async () => {
    const config = await discover(idp.issuer, 'app', SECRET);
    const good = await client.clientCredentialsGrant(config);
    const [fault] = await idp.faults.add({ kind: 'client.unauthorized' });
    const { request: auth, callback } = await login();
    const since = idp.journal.lastId;
    const error = await client
      .authorizationCodeGrant(config, callback, { pkceCodeVerifier: auth.verifier, expectedState: auth.state, expectedNonce: auth.nonce })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ResponseBodyError);
    expect(error).toMatchObject({
      code: 'OAUTH_RESPONSE_BODY_ERROR',
      status: 400,
      error: 'unauthorized_client',
      error_description: 'the client is not authorized to use this grant type (authfault client.unauthorized fault)',
    });
    expect((error as client.ResponseBodyError).response.headers.get('cache-control')).toBe('no-store');
    expect(idp.journal.entries(since)).toEqual([
      expect.objectContaining({ endpoint: 'token', status: 400, faults: [{ id: fault!.id, kind: 'client.unauthorized', effect: 'answered 400' }] }),
    ]);
    const cc = await client.clientCredentialsGrant(config).catch((e: unknown) => e);
    expect(cc).toMatchObject({ status: 400, error: 'unauthorized_client' });
    // Only the token endpoint: a token issued before still works at introspection.
    expect((await post('/token/introspection', { token: good.access_token })).body.active).toBe(true);

    idp.faults.clear();
    expect((await client.clientCredentialsGrant(config)).access_token).toBeTruthy();
  });
});

describe('grant.unsupported', () => {
  it('unit: 400 unsupported_grant_type, never cached', () => {
    expect(request(grantUnsupported, 'token', { description: 'no client_credentials here' })).toEqual({
      type: 'respond',
      status: 400,
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
      body: { error: 'unsupported_grant_type', error_description: 'no client_credentials here' },
    });
  });

  it('openid-client clientCredentialsGrant rejects with ResponseBodyError unsupported_grant_type; cleared, it works', async () => {
    const [fault] = await idp.faults.add({ kind: 'grant.unsupported', when: { times: 1 } });
    const config = await discover(idp.issuer, 'app', SECRET);
    const since = idp.journal.lastId;
    const error = await client.clientCredentialsGrant(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ResponseBodyError);
    expect(error).toMatchObject({
      code: 'OAUTH_RESPONSE_BODY_ERROR',
      status: 400,
      error: 'unsupported_grant_type',
      error_description: 'the grant type is not supported by the authorization server (authfault grant.unsupported fault)',
    });
    // times: 1 — the next request is answered normally even before the fault is cleared.
    expect((await client.clientCredentialsGrant(config)).access_token).toBeTruthy();
    expect(idp.journal.entries(since).map((e) => [e.endpoint, e.status, e.faults])).toEqual([
      ['token', 400, [{ id: fault!.id, kind: 'grant.unsupported', effect: 'answered 400' }]],
      ['token', 200, []],
    ]);

    await idp.faults.add({ kind: 'grant.unsupported' });
    const raw = await post('/token', { grant_type: 'client_credentials' });
    expect(raw).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(raw.headers.get('cache-control')).toBe('no-store');
    idp.faults.clear();
    expect((await post('/token', { grant_type: 'client_credentials' })).status).toBe(200);
  });
});

describe('userinfo.insufficient-scope', () => {
  const description = 'the access token lacks the scope this resource requires (authfault userinfo.insufficient-scope fault)';

  it('unit: 403 with a Bearer insufficient_scope challenge naming the scope; JSON body or none', () => {
    expect(request(userinfoInsufficientScope, 'userinfo')).toEqual({
      type: 'respond',
      status: 403,
      headers: {
        'WWW-Authenticate': `Bearer realm="https://op.example/tenant", error="insufficient_scope", error_description="${description}", scope="openid profile email"`,
        'Cache-Control': 'no-store',
      },
      body: { error: 'insufficient_scope', error_description: description, scope: 'openid profile email' },
    });
    const bare = request(userinfoInsufficientScope, 'userinfo', { scope: 'openid address', body: 'none', description: 'say "please"' });
    expect(bare).toEqual({
      type: 'respond',
      status: 403,
      headers: {
        'WWW-Authenticate': 'Bearer realm="https://op.example/tenant", error="insufficient_scope", error_description="say \\"please\\"", scope="openid address"',
        'Cache-Control': 'no-store',
      },
    });
  });

  it('openid-client fetchUserInfo rejects with the insufficient_scope challenge; the login itself is untouched; cleared, userinfo answers', async () => {
    const [fault] = await idp.faults.add({ kind: 'userinfo.insufficient-scope' });
    const config = await discover(idp.issuer, 'app', SECRET);
    const { request: auth, callback } = await login('openid email');
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: auth.verifier, expectedState: auth.state, expectedNonce: auth.nonce });
    expect(tokens.claims()?.sub).toBe('alice');

    const since = idp.journal.lastId;
    const error = await client.fetchUserInfo(config, tokens.access_token, 'alice').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
    const challenge = error as client.WWWAuthenticateChallengeError;
    expect(challenge).toMatchObject({ code: 'OAUTH_WWW_AUTHENTICATE_CHALLENGE', status: 403 });
    expect(challenge.cause[0]!.scheme).toBe('bearer');
    expect(challenge.cause[0]!.parameters).toEqual({ realm: idp.issuer, error: 'insufficient_scope', error_description: description, scope: 'openid profile email' });
    expect(idp.journal.entries(since)).toEqual([
      expect.objectContaining({ endpoint: 'userinfo', status: 403, faults: [{ id: fault!.id, kind: 'userinfo.insufficient-scope', effect: 'answered 403' }] }),
    ]);
    // Answered before the provider looks at the token: introspection still calls it active.
    expect((await post('/token/introspection', { token: tokens.access_token })).body).toMatchObject({ active: true, sub: 'alice' });

    idp.faults.clear();
    expect(await client.fetchUserInfo(config, tokens.access_token, 'alice')).toEqual({ sub: 'alice', email: 'alice@example.com', email_verified: true });
  });

  it('body: none answers 403 with the challenge and an empty body, as a plain fetch sees it', async () => {
    await idp.faults.add({ kind: 'userinfo.insufficient-scope', scope: 'openid address', body: 'none' });
    const res = await fetch(`${idp.issuer}/me`, { headers: { authorization: 'Bearer anything' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="${idp.issuer}", error="insufficient_scope", error_description="${description}", scope="openid address"`);
    expect(await res.text()).toBe('');
  });
});
