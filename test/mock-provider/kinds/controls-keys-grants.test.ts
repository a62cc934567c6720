import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jose from 'jose';
import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type InjectionPoint, type JournalEntry, type MockProviderHandle } from '../../../mock-provider/index.js';
import { refreshNoIdToken } from '../../../mock-provider/faults/kinds/tokens/refresh-no-id-token.js';
import { tokenAudArray } from '../../../mock-provider/faults/kinds/tokens/token-aud-array.js';
import { tokenResponseExtraMembers } from '../../../mock-provider/faults/kinds/tokens/token-response-extra-members.js';
import { tokenResponseMinimal } from '../../../mock-provider/faults/kinds/tokens/token-response-minimal.js';
import { discoveryIssuerMismatch } from '../../../mock-provider/faults/kinds/oauth-flow/discovery-issuer-mismatch.js';
import { userinfoSubMismatch } from '../../../mock-provider/faults/kinds/tokens/userinfo-sub-mismatch.js';
import { codeInvalidGrant } from '../../../mock-provider/faults/kinds/tokens/code-invalid-grant.js';
import { refreshInvalidGrant } from '../../../mock-provider/faults/kinds/tokens/refresh-invalid-grant.js';
import { jwksKidAbsent } from '../../../mock-provider/faults/kinds/tokens/jwks-kid-absent.js';
import { jwksRotate } from '../../../mock-provider/faults/kinds/tokens/jwks-rotate.js';
import { tokenResponseNoIdToken } from '../../../mock-provider/faults/kinds/tokens/token-response-no-id-token.js';
import type { AnyFaultKind, FaultRequest, KeyPair, MutableResponse, TokenTools } from '../../../mock-provider/faults/types.js';
import { tokenTools } from '../../../mock-provider/inject/token-tools.js';
import { MemoryStore } from '../../../mock-provider/provider/adapter.js';
import { loadSigningKey } from '../../../mock-provider/provider/keys.js';
import { authorizationRequest, discover } from '../../helpers/authorization-request.js';
import { UserAgent } from '../../helpers/user-agent.js';

const REDIRECT = 'http://127.0.0.1:9/cb';
const SECRET = 'app-secret-controls-keys-grants-5d1e';

let idp: MockProviderHandle;
let dir: string;
let store: MemoryStore;
/** Real token tools bound to the provider's own key (kept in a key file both read). */
let tools: TokenTools;
let providerKid: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authfault-ckg-'));
  const file = join(dir, 'keys.json');
  idp = await createMockProvider({ clients: [{ client_id: 'app', client_secret: SECRET, redirect_uris: [REDIRECT] }], keys: { file } });
  const key = await loadSigningKey(file);
  providerKid = key.jwk.kid;
  store = new MemoryStore(() => []);
  tools = tokenTools(key, store, (id) => (id === 'app' ? SECRET : undefined));
});
afterAll(async () => {
  await idp.close();
  store.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => idp.faults.clear());

const faultsOf = (entries: JournalEntry[]) => entries.filter((e) => e.faults.length > 0);
const verifyOptions = () => ({ issuer: idp.issuer, audience: 'app', algorithms: ['RS256'] });
const providerJwks = () => jose.createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));

/** The request a hook sees, for calling hooks directly. */
function at(point: InjectionPoint, grantType?: string): FaultRequest {
  return { point, method: point === 'token' ? 'POST' : 'GET', path: `/default/${point}`, query: {}, clientId: 'app', ...(grantType ? { grantType } : {}), ip: '127.0.0.1', now: Date.now() };
}

/** Call a kind's response hook the way the engine does, with its defaults applied to `params`. */
function respond(kind: AnyFaultKind, res: MutableResponse, req: FaultRequest, params: Record<string, unknown> = {}, state: Record<string, unknown> = {}) {
  return kind.hooks.response!(res, kind.params.parse(params), tools, req, state);
}

/** Sign in as alice with a fresh user agent; returns the redirect back and what the client kept. */
async function login(scope = 'openid') {
  const request = await authorizationRequest(idp.issuer, 'app', REDIRECT, { scope });
  const ua = await UserAgent.open();
  try {
    return { request, callback: await ua.authorize(request.url.href, REDIRECT, 'alice') };
  } finally {
    await ua.dispose();
  }
}

/** openid-client as a careful app configures it: every id_token check on, signature included. */
async function careful(): Promise<client.Configuration> {
  const config = await discover(idp.issuer, 'app', SECRET);
  client.enableNonRepudiationChecks(config);
  return config;
}

/** Log in and redeem the code through openid-client; `since` marks the journal before the exchange. */
async function codeFlow(config: client.Configuration, scope = 'openid') {
  const { request, callback } = await login(scope);
  const since = idp.journal.lastId;
  const tokens = await client
    .authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce })
    .catch((e: unknown) => e as Error);
  return { request, callback, since, tokens };
}

/** The token endpoint as a plain HTTP caller sees it. */
async function tokenRequest(params: Record<string, string>) {
  const res = await fetch(`${idp.issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`app:${SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function rawCode(scope = 'openid') {
  const { request, callback } = await login(scope);
  const code = callback.searchParams.get('code')!;
  return { code, verifier: request.verifier, ...(await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: request.verifier })) };
}

const mutable = (raw: { status: number; body: Record<string, unknown> }): MutableResponse => ({ status: raw.status, body: { ...raw.body }, headers: {} });

describe('token.aud-array (positive control)', () => {
  it('unit: re-signs a real id_token with aud ["app"], the provider kid and every other claim unchanged', async () => {
    const raw = await rawCode();
    const res = mutable(raw);
    expect(await respond(tokenAudArray, res, at('token', 'authorization_code'))).toBe('id_token re-signed with aud ["app"] instead of "app"');
    const before = jose.decodeJwt(raw.body.id_token as string);
    const { payload, protectedHeader } = await jose.jwtVerify(res.body.id_token as string, providerJwks(), verifyOptions());
    expect(payload).toEqual({ ...before, aud: ['app'] });
    expect(protectedHeader).toEqual(jose.decodeProtectedHeader(raw.body.id_token as string));
    expect({ ...res.body, id_token: undefined }).toEqual({ ...raw.body, id_token: undefined });

    // Already an array, or no id_token at all: nothing to do.
    const again = mutable({ status: 200, body: { ...res.body } });
    expect(await respond(tokenAudArray, again, at('token', 'authorization_code'))).toBeUndefined();
    expect(again.body.id_token).toBe(res.body.id_token);
    const cc = await tokenRequest({ grant_type: 'client_credentials' });
    expect(await respond(tokenAudArray, mutable(cc), at('token', 'client_credentials'))).toBeUndefined();
  });

  it('openid-client (signature checks on) accepts it and the app sees alice; cleared, aud is a string again', async () => {
    const [fault] = await idp.faults.add({ kind: 'token.aud-array' });
    const config = await careful();
    const { request, since, tokens } = await codeFlow(config);
    expect(tokens).not.toBeInstanceOf(Error);
    const t = tokens as client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    expect(t.claims()).toMatchObject({ sub: 'alice', aud: ['app'], iss: idp.issuer, nonce: request.nonce });
    expect(jose.decodeProtectedHeader(t.id_token!).kid).toBe(providerKid);
    expect(await client.fetchUserInfo(config, t.access_token, 'alice')).toEqual({ sub: 'alice' });
    expect(faultsOf(idp.journal.entries(since))).toEqual([
      expect.objectContaining({
        endpoint: 'token',
        status: 200,
        grantType: 'authorization_code',
        faults: [{ id: fault!.id, kind: 'token.aud-array', effect: 'id_token re-signed with aud ["app"] instead of "app"' }],
      }),
    ]);

    idp.faults.clear();
    const clean = await codeFlow(config);
    expect((clean.tokens as client.TokenEndpointResponseHelpers).claims()?.aud).toBe('app');
    expect(faultsOf(idp.journal.entries(clean.since))).toEqual([]);
  });
});

describe('token-response.minimal (positive control)', () => {
  it('unit: removes expires_in and scope from a real token response, nothing else; drop picks which', async () => {
    const raw = await rawCode();
    expect(raw.body).toMatchObject({ expires_in: 3600, scope: 'openid' });
    const res = mutable(raw);
    expect(await respond(tokenResponseMinimal, res, at('token', 'authorization_code'))).toBe('removed expires_in and scope from the token response');
    const { expires_in: _e, scope: _s, ...rest } = raw.body;
    expect(res.body).toEqual(rest);

    const onlyScope = mutable(raw);
    expect(await respond(tokenResponseMinimal, onlyScope, at('token', 'authorization_code'), { drop: ['scope'] })).toBe('removed scope from the token response');
    expect(onlyScope.body).toMatchObject({ expires_in: 3600 });
    expect(onlyScope.body).not.toHaveProperty('scope');

    const error = { status: 400, body: { error: 'invalid_grant', error_description: 'grant request is invalid' }, headers: {} };
    expect(await respond(tokenResponseMinimal, error, at('token', 'authorization_code'))).toBeUndefined();
    expect(tokenResponseMinimal.params.safeParse({ drop: [] }).success).toBe(false);
  });

  it('openid-client accepts a response without expires_in and scope; the tokens work; cleared, both are back', async () => {
    const [fault] = await idp.faults.add({ kind: 'token-response.minimal' });
    const config = await careful();
    const { since, tokens } = await codeFlow(config);
    expect(tokens).not.toBeInstanceOf(Error);
    const t = tokens as client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    expect(t.expires_in).toBeUndefined();
    expect(t.expiresIn()).toBeUndefined();
    expect(t.scope).toBeUndefined();
    expect(t.token_type).toBe('bearer');
    expect(t.claims()?.sub).toBe('alice');
    expect(await client.fetchUserInfo(config, t.access_token, 'alice')).toEqual({ sub: 'alice' });
    expect(faultsOf(idp.journal.entries(since))).toEqual([
      expect.objectContaining({ endpoint: 'token', faults: [{ id: fault!.id, kind: 'token-response.minimal', effect: 'removed expires_in and scope from the token response' }] }),
    ]);

    idp.faults.clear();
    const clean = (await codeFlow(config)).tokens as client.TokenEndpointResponse;
    expect(clean).toMatchObject({ expires_in: 3600, scope: 'openid' });
  });
});

describe('token-response.extra-members (positive control)', () => {
  it('unit: adds the members to a real token response and keeps the rest; standard members cannot be named', async () => {
    const raw = await rawCode();
    const res = mutable(raw);
    expect(await respond(tokenResponseExtraMembers, res, at('token', 'authorization_code'))).toBe('added x_authfault, id_token_expires_in to the token response');
    expect(res.body).toEqual({ ...raw.body, x_authfault: 'ignore me', id_token_expires_in: 3600 });

    const custom = mutable(raw);
    await respond(tokenResponseExtraMembers, custom, at('token', 'authorization_code'), { members: { ext_expires_in: 7200, nested: { a: [1, null] } } });
    expect(custom.body).toEqual({ ...raw.body, ext_expires_in: 7200, nested: { a: [1, null] } });
    expect(tokenResponseExtraMembers.params.safeParse({ members: { expires_in: 1 } }).success).toBe(false);
    expect(tokenResponseExtraMembers.params.safeParse({ members: {} }).success).toBe(false);
  });

  it('openid-client ignores the unknown members and finishes; the app-visible values are right; cleared, they are gone', async () => {
    const [fault] = await idp.faults.add({ kind: 'token-response.extra-members' });
    const config = await careful();
    const { request, since, tokens } = await codeFlow(config);
    expect(tokens).not.toBeInstanceOf(Error);
    const t = tokens as client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    expect(t.claims()).toMatchObject({ sub: 'alice', aud: 'app', nonce: request.nonce });
    expect(t).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: 'openid', x_authfault: 'ignore me', id_token_expires_in: 3600 });
    expect(t.expiresIn()).toBeGreaterThan(3590);
    expect(await client.fetchUserInfo(config, t.access_token, 'alice')).toEqual({ sub: 'alice' });
    expect(faultsOf(idp.journal.entries(since))).toEqual([
      expect.objectContaining({ endpoint: 'token', faults: [{ id: fault!.id, kind: 'token-response.extra-members', effect: 'added x_authfault, id_token_expires_in to the token response' }] }),
    ]);

    idp.faults.clear();
    const clean = (await codeFlow(config)).tokens as client.TokenEndpointResponse;
    expect(clean).not.toHaveProperty('x_authfault');
    expect(clean).not.toHaveProperty('id_token_expires_in');
  });
});

describe('refresh.no-id-token (positive control)', () => {
  it('unit: removes the id_token from a real refresh response, and leaves the code grant alone', async () => {
    const first = await rawCode();
    const code = mutable(first);
    expect(await respond(refreshNoIdToken, code, at('token', 'authorization_code'))).toBeUndefined();
    expect(code.body.id_token).toBe(first.body.id_token);

    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token as string });
    expect(refreshed.status).toBe(200);
    expect(typeof refreshed.body.id_token).toBe('string');
    const res = mutable(refreshed);
    expect(await respond(refreshNoIdToken, res, at('token', 'refresh_token'))).toBe('removed id_token from the refresh response');
    const { id_token: _i, ...rest } = refreshed.body;
    expect(res.body).toEqual(rest);
  });

  it('openid-client refreshes without an id_token; the app keeps alice from the login; cleared, the id_token is back', async () => {
    const [fault] = await idp.faults.add({ kind: 'refresh.no-id-token' });
    const config = await careful();
    const { since, tokens } = await codeFlow(config);
    const login = tokens as client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    expect(login.claims()?.sub).toBe('alice');
    const refreshed = await client.refreshTokenGrant(config, login.refresh_token!);
    expect(refreshed.id_token).toBeUndefined();
    expect(refreshed.claims()).toBeUndefined();
    expect(refreshed.access_token).not.toBe(login.access_token);
    expect(refreshed.refresh_token).not.toBe(login.refresh_token);
    expect(await client.fetchUserInfo(config, refreshed.access_token, login.claims()!.sub)).toEqual({ sub: 'alice' });
    const entries = idp.journal.entries(since).filter((e) => e.endpoint === 'token');
    expect(entries.map((e) => [e.grantType, e.faults])).toEqual([
      ['authorization_code', []],
      ['refresh_token', [{ id: fault!.id, kind: 'refresh.no-id-token', effect: 'removed id_token from the refresh response' }]],
    ]);

    idp.faults.clear();
    const again = await client.refreshTokenGrant(config, refreshed.refresh_token!);
    expect(again.claims()?.sub).toBe('alice');
  });
});

describe('jwks.kid-absent (positive control)', () => {
  it('unit: publishes the real signing key without kid, and re-signs tokens without a kid header that verify against it', async () => {
    const jwks = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([providerKid]);
    const published = mutable({ status: 200, body: jwks });
    expect(await respond(jwksKidAbsent, published, at('jwks'))).toBe(`published the signing key without its kid "${providerKid}"`);
    const { kid: _kid, ...withoutKid } = jwks.keys[0]!;
    expect(published.body).toEqual({ keys: [withoutKid] });
    expect(jwks.keys[0]!.kid).toBe(providerKid);

    const raw = await rawCode();
    const jwtAccessToken = await new jose.SignJWT({ scope: 'openid', client_id: 'app' })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: providerKid })
      .setIssuer(idp.issuer)
      .setAudience('https://api.example')
      .setSubject('alice')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(tools.signingKey().privateKey as jose.CryptoKey);
    const res = mutable({ status: 200, body: { ...raw.body, access_token: jwtAccessToken } });
    expect(await respond(jwksKidAbsent, res, at('token', 'authorization_code'))).toBe('id_token and access_token re-signed without a kid header');
    const local = jose.createLocalJWKSet(published.body as unknown as jose.JSONWebKeySet);
    const idToken = await jose.jwtVerify(res.body.id_token as string, local, verifyOptions());
    expect(idToken.protectedHeader).toEqual({ alg: 'RS256' });
    expect(idToken.payload).toEqual(jose.decodeJwt(raw.body.id_token as string));
    const at_ = await jose.jwtVerify(res.body.access_token as string, local, { issuer: idp.issuer, audience: 'https://api.example' });
    expect(at_.protectedHeader).toEqual({ alg: 'RS256', typ: 'at+jwt' });

    // An opaque access token and no id_token: nothing to re-sign.
    const cc = await tokenRequest({ grant_type: 'client_credentials' });
    expect(await respond(jwksKidAbsent, mutable(cc), at('token', 'client_credentials'))).toBeUndefined();
  });

  it('openid-client (signature checks on) and jose accept kid-less tokens against a kid-less JWKS; cleared, kids are back', async () => {
    const [fault] = await idp.faults.add({ kind: 'jwks.kid-absent' });
    const config = await careful();
    const { request, since, tokens } = await codeFlow(config);
    expect(tokens).not.toBeInstanceOf(Error);
    const t = tokens as client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    expect(t.claims()).toMatchObject({ sub: 'alice', nonce: request.nonce });
    expect(jose.decodeProtectedHeader(t.id_token!)).toEqual({ alg: 'RS256' });
    const { payload, protectedHeader } = await jose.jwtVerify(t.id_token!, providerJwks(), verifyOptions());
    expect(payload.sub).toBe('alice');
    expect(protectedHeader.kid).toBeUndefined();

    const entries = faultsOf(idp.journal.entries(since));
    expect(entries.map((e) => [e.endpoint, e.faults])).toEqual([
      ['token', [{ id: fault!.id, kind: 'jwks.kid-absent', effect: 'id_token re-signed without a kid header' }]],
      ['jwks', [{ id: fault!.id, kind: 'jwks.kid-absent', effect: `published the signing key without its kid "${providerKid}"` }]],
      ['jwks', [{ id: fault!.id, kind: 'jwks.kid-absent', effect: `published the signing key without its kid "${providerKid}"` }]],
    ]);

    idp.faults.clear();
    const jwks = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: { kid?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([providerKid]);
    const clean = await codeFlow(await careful());
    expect(jose.decodeProtectedHeader((clean.tokens as client.TokenEndpointResponse).id_token!).kid).toBe(providerKid);
  });
});

describe('jwks.rotate', () => {
  it('unit: activate makes a new key; JWKS publishes it (with or without the old); tokens are re-signed with it', async () => {
    const state: Record<string, unknown> = {};
    await jwksRotate.hooks.activate!(jwksRotate.params.parse({ kid: 'rotated-unit' }), { clients: [] }, state, tools, {}, () => undefined);
    const key = state.key as KeyPair;
    expect(key.jwk.kid).toBe('rotated-unit');
    expect(key.publicJwk).toMatchObject({ kty: 'RSA', kid: 'rotated-unit', alg: 'RS256', use: 'sig' });
    expect(key.publicJwk).not.toHaveProperty('d');

    const jwks = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    const soft = mutable({ status: 200, body: jwks });
    expect(await respond(jwksRotate, soft, at('jwks'), { kid: 'rotated-unit' }, state)).toBe(`published the new key "rotated-unit" with the old "${providerKid}"`);
    expect(soft.body).toEqual({ keys: [key.publicJwk, jwks.keys[0]] });
    const hard = mutable({ status: 200, body: jwks });
    expect(await respond(jwksRotate, hard, at('jwks'), { kid: 'rotated-unit', keep_old: false }, state)).toBe(
      `published the new key "rotated-unit" and dropped the old "${providerKid}"`,
    );
    expect(hard.body).toEqual({ keys: [key.publicJwk] });

    const raw = await rawCode();
    const res = mutable(raw);
    expect(await respond(jwksRotate, res, at('token', 'authorization_code'), {}, state)).toBe(`id_token re-signed with the new key "rotated-unit" (was "${providerKid}")`);
    const { payload, protectedHeader } = await jose.jwtVerify(res.body.id_token as string, jose.createLocalJWKSet(hard.body as unknown as jose.JSONWebKeySet), verifyOptions());
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: 'rotated-unit' });
    expect(payload).toEqual(jose.decodeJwt(raw.body.id_token as string));
    const error = await jose.jwtVerify(res.body.id_token as string, providerJwks(), verifyOptions()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });

    // Without a key (activate never ran) the hook changes nothing.
    expect(await respond(jwksRotate, mutable(raw), at('token', 'authorization_code'), {}, {})).toBeUndefined();
  });

  it('soft rotation: new tokens carry the new kid, a cached JWKS is re-fetched on the kid miss (jose after its cooldown, openid-client after 60 s), old tokens still verify', async () => {
    // Before the rotation: a careful app logs in and caches the JWKS.
    const before = await careful();
    const old = (await codeFlow(before)).tokens as client.TokenEndpointResponse;
    const oldCache = client.getJwksCache(before)!;
    expect(oldCache.jwks.keys.map((k) => k.kid)).toEqual([providerKid]);

    const [fault] = await idp.faults.add({ kind: 'jwks.rotate', kid: 'rotated-soft' });
    const raw = await rawCode();
    expect(jose.decodeProtectedHeader(raw.body.id_token as string).kid).toBe('rotated-soft');

    // jose with the old JWKS cached: within its 30 s cooldown it does not re-fetch and fails …
    const coolingDown = jose.createRemoteJWKSet(new URL(`${idp.issuer}/jwks`), { [jose.jwksCache]: { jwks: oldCache.jwks, uat: Date.now() } });
    const since = idp.journal.lastId;
    const error = await jose.jwtVerify(raw.body.id_token as string, coolingDown, verifyOptions()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(jose.errors.JWKSNoMatchingKey);
    expect(error).toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY', message: 'no applicable key found in the JSON Web Key Set' });
    expect(idp.journal.entries(since).filter((e) => e.endpoint === 'jwks')).toEqual([]);
    // … and once the cooldown has passed it re-fetches on the unknown kid and verifies.
    const cooledDown = jose.createRemoteJWKSet(new URL(`${idp.issuer}/jwks`), { [jose.jwksCache]: { jwks: oldCache.jwks, uat: Date.now() - 31_000 } });
    const { protectedHeader } = await jose.jwtVerify(raw.body.id_token as string, cooledDown, verifyOptions());
    expect(protectedHeader.kid).toBe('rotated-soft');
    const refetched = idp.journal.entries(since).filter((e) => e.endpoint === 'jwks');
    expect(refetched).toEqual([
      expect.objectContaining({ status: 200, faults: [{ id: fault!.id, kind: 'jwks.rotate', effect: `published the new key "rotated-soft" with the old "${providerKid}"` }] }),
    ]);
    // A token signed before the rotation still verifies: the old key is still published.
    expect((await jose.jwtVerify(old.id_token!, providerJwks(), verifyOptions())).protectedHeader.kid).toBe(providerKid);

    // openid-client with a JWKS cached just now refuses the new kid instead of re-fetching …
    const fresh = await careful();
    client.setJwksCache(fresh, { ...oldCache, uat: Math.floor(Date.now() / 1000) });
    const refused = await codeFlow(fresh);
    expect(refused.tokens).toBeInstanceOf(client.ClientError);
    expect(refused.tokens).toMatchObject({ code: 'OAUTH_KEY_SELECTION_FAILED' });
    expect((refused.tokens as Error).cause).toMatchObject({ message: 'error when selecting a JWT verification key, no applicable keys found' });
    expect(idp.journal.entries(refused.since).filter((e) => e.endpoint === 'jwks')).toEqual([]);
    // … and with a cache at least 60 s old it re-fetches on the miss and completes the login.
    const stale = await careful();
    client.setJwksCache(stale, { ...oldCache, uat: Math.floor(Date.now() / 1000) - 61 });
    const ok = await codeFlow(stale);
    expect((ok.tokens as client.TokenEndpointResponseHelpers).claims()?.sub).toBe('alice');
    expect(client.getJwksCache(stale)!.jwks.keys.map((k) => k.kid)).toEqual(['rotated-soft', providerKid]);
    expect(faultsOf(idp.journal.entries(ok.since)).map((e) => [e.endpoint, e.faults[0]!.effect])).toEqual([
      ['token', `id_token re-signed with the new key "rotated-soft" (was "${providerKid}")`],
      ['jwks', `published the new key "rotated-soft" with the old "${providerKid}"`],
    ]);

    idp.faults.clear();
    const jwks = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: { kid?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([providerKid]);
    const clean = await codeFlow(await careful());
    expect(jose.decodeProtectedHeader((clean.tokens as client.TokenEndpointResponse).id_token!).kid).toBe(providerKid);
  });

  it('hard rotation (keep_old: false): the old key leaves the JWKS, so a token signed before no longer verifies; the new login does', async () => {
    const before = await careful();
    const old = (await codeFlow(before)).tokens as client.TokenEndpointResponse;
    const oldCache = client.getJwksCache(before)!;

    const [fault] = await idp.faults.add({ kind: 'jwks.rotate', keep_old: false });
    const jwks = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: { kid?: string }[] };
    expect(jwks.keys).toHaveLength(1);
    const newKid = jwks.keys[0]!.kid!;
    expect(newKid).toMatch(/^authfault-[0-9a-f]{12}$/);
    expect(newKid).not.toBe(providerKid);

    const error = await jose.jwtVerify(old.id_token!, providerJwks(), verifyOptions()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });

    const stale = await careful();
    client.setJwksCache(stale, { ...oldCache, uat: Math.floor(Date.now() / 1000) - 61 });
    const ok = await codeFlow(stale);
    expect((ok.tokens as client.TokenEndpointResponseHelpers).claims()?.sub).toBe('alice');
    expect(jose.decodeProtectedHeader((ok.tokens as client.TokenEndpointResponse).id_token!).kid).toBe(newKid);
    expect(faultsOf(idp.journal.entries(ok.since)).map((e) => [e.endpoint, e.faults])).toEqual([
      ['token', [{ id: fault!.id, kind: 'jwks.rotate', effect: `id_token re-signed with the new key "${newKid}" (was "${providerKid}")` }]],
      ['jwks', [{ id: fault!.id, kind: 'jwks.rotate', effect: `published the new key "${newKid}" and dropped the old "${providerKid}"` }]],
    ]);

    idp.faults.clear();
    expect((await jose.jwtVerify(old.id_token!, providerJwks(), verifyOptions())).payload.sub).toBe('alice');
  });
});

describe('userinfo.sub-mismatch', () => {
  it('unit: appends "invalid" to the sub of a real UserInfo response, or sets the given value', async () => {
    const raw = await rawCode('openid email');
    const me = await fetch(`${idp.issuer}/me`, { headers: { authorization: `Bearer ${raw.body.access_token as string}` } });
    const body = (await me.json()) as Record<string, unknown>;
    expect(body).toEqual({ sub: 'alice', email: 'alice@example.com', email_verified: true });
    const res = mutable({ status: me.status, body });
    expect(await respond(userinfoSubMismatch, res, at('userinfo'))).toBe('userinfo sub "alice" replaced by "aliceinvalid"');
    expect(res.body).toEqual({ ...body, sub: 'aliceinvalid' });
    const set = mutable({ status: 200, body });
    await respond(userinfoSubMismatch, set, at('userinfo'), { value: 'bob' });
    expect(set.body.sub).toBe('bob');
    const named = mutable({ status: 200, body });
    expect(await respond(userinfoSubMismatch, named, at('userinfo'), { claims: { name: 'Mallory Mismatch', email: 'm@example.com' } })).toBe(
      'userinfo sub "alice" replaced by "aliceinvalid", and name, email too',
    );
    expect(named.body).toEqual({ sub: 'aliceinvalid', name: 'Mallory Mismatch', email: 'm@example.com', email_verified: true });
    const error = { status: 401, body: { error: 'invalid_token' }, headers: {} };
    expect(await respond(userinfoSubMismatch, error, at('userinfo'))).toBeUndefined();
  });

  it('openid-client fetchUserInfo with the expected subject rejects it; the token endpoint is untouched; cleared, alice comes back', async () => {
    const [fault] = await idp.faults.add({ kind: 'userinfo.sub-mismatch' });
    const config = await careful();
    const { tokens } = await codeFlow(config, 'openid email');
    const t = tokens as client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    expect(t.claims()?.sub).toBe('alice');
    const since = idp.journal.lastId;
    const error = await client.fetchUserInfo(config, t.access_token, t.claims()!.sub).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ClientError);
    expect(error).toMatchObject({ code: 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' });
    expect((error as Error).cause).toMatchObject({
      message: 'unexpected "response" body "sub" property value',
      cause: { expected: 'alice', attribute: 'sub', body: { sub: 'aliceinvalid', email: 'alice@example.com' } },
    });
    expect(faultsOf(idp.journal.entries(since))).toEqual([
      expect.objectContaining({ endpoint: 'userinfo', status: 200, faults: [{ id: fault!.id, kind: 'userinfo.sub-mismatch', effect: 'userinfo sub "alice" replaced by "aliceinvalid"' }] }),
    ]);

    idp.faults.clear();
    expect(await client.fetchUserInfo(config, t.access_token, 'alice')).toEqual({ sub: 'alice', email: 'alice@example.com', email_verified: true });
  });
});

describe('token-response.no-id-token', () => {
  it('unit: removes the id_token from the response to the code redemption only', async () => {
    const raw = await rawCode('openid offline_access');
    const res = mutable(raw);
    expect(await respond(tokenResponseNoIdToken, res, at('token', 'authorization_code'))).toBe('removed id_token from the response to the code redemption');
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(raw.body).filter((k) => k !== 'id_token').sort());
    expect(await respond(tokenResponseNoIdToken, mutable(raw), at('token', 'refresh_token'))).toBeUndefined();
  });

  it('openid-client refuses the OpenID Connect code redemption without an id_token, which the journal shows was not issued', async () => {
    const [fault] = await idp.faults.add({ kind: 'token-response.no-id-token' });
    const { since, tokens } = await codeFlow(await careful(), 'openid email');
    expect(tokens).toBeInstanceOf(Error);
    expect(tokens).toMatchObject({ code: 'OAUTH_INVALID_RESPONSE', cause: { message: '"response" body "id_token" property must be a string' } });
    expect(faultsOf(idp.journal.entries(since))).toEqual([
      expect.objectContaining({ endpoint: 'token', status: 200, issued: { access_token: true, refresh_token: expect.any(String), expires_in: 3600 }, faults: [{ id: fault!.id, kind: 'token-response.no-id-token', effect: 'removed id_token from the response to the code redemption' }] }),
    ]);
  });
});

describe('discovery.issuer-mismatch', () => {
  it('unit: appends "INVALID" to the issuer of the real discovery document and changes nothing else', async () => {
    const body = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(body.issuer).toBe(idp.issuer);
    const res = mutable({ status: 200, body });
    expect(await respond(discoveryIssuerMismatch, res, at('discovery'))).toBe(`discovery issuer "${idp.issuer}" replaced by "${idp.issuer}INVALID"`);
    expect(res.body).toEqual({ ...body, issuer: `${idp.issuer}INVALID` });
    const set = mutable({ status: 200, body });
    await respond(discoveryIssuerMismatch, set, at('discovery'), { value: 'https://op.example' });
    expect(set.body.issuer).toBe('https://op.example');
  });

  it('openid-client discovery() rejects the document; cleared, discovery succeeds', async () => {
    const [fault] = await idp.faults.add({ kind: 'discovery.issuer-mismatch' });
    const since = idp.journal.lastId;
    const error = await discover(idp.issuer, 'app', SECRET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ClientError);
    expect(error).toMatchObject({ code: 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED', message: 'discovered metadata issuer does not match the expected issuer' });
    expect((error as Error).cause).toMatchObject({ expected: idp.issuer, attribute: 'issuer', body: { issuer: `${idp.issuer}INVALID` } });
    expect(idp.journal.entries(since)).toEqual([
      expect.objectContaining({
        endpoint: 'discovery',
        status: 200,
        faults: [{ id: fault!.id, kind: 'discovery.issuer-mismatch', effect: `discovery issuer "${idp.issuer}" replaced by "${idp.issuer}INVALID"` }],
      }),
    ]);
    // Only discovery is touched: the token endpoint answers as usual.
    expect((await tokenRequest({ grant_type: 'client_credentials' })).status).toBe(200);

    idp.faults.clear();
    expect((await discover(idp.issuer, 'app', SECRET)).serverMetadata().issuer).toBe(idp.issuer);
  });
});

describe('code.invalid-grant', () => {
  it('unit: turns a real successful code exchange into 400 invalid_grant; other grants and errors pass', async () => {
    const raw = await rawCode();
    const res = mutable(raw);
    expect(await respond(codeInvalidGrant, res, at('token', 'authorization_code'))).toBe('answered 400 invalid_grant to the authorization_code grant (the code is spent)');
    expect(res).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'authorization code is invalid, expired or already used (authfault code.invalid-grant fault)' },
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    });
    expect(await respond(codeInvalidGrant, mutable(raw), at('token', 'refresh_token'))).toBeUndefined();
    const error = { status: 400, body: { error: 'invalid_grant' }, headers: {} };
    expect(await respond(codeInvalidGrant, error, at('token', 'authorization_code'), { description: 'x' })).toBeUndefined();
    expect(error.body).toEqual({ error: 'invalid_grant' });
  });

  it('openid-client authorizationCodeGrant rejects with invalid_grant; the code is spent; other grants pass; cleared, login works', async () => {
    const [fault] = await idp.faults.add({ kind: 'code.invalid-grant', description: 'code expired' });
    const config = await careful();
    const { request, callback, since, tokens } = await codeFlow(config);
    expect(tokens).toBeInstanceOf(client.ResponseBodyError);
    expect(tokens).toMatchObject({ code: 'OAUTH_RESPONSE_BODY_ERROR', status: 400, error: 'invalid_grant', error_description: 'code expired' });
    expect(idp.journal.entries(since)).toEqual([
      expect.objectContaining({
        endpoint: 'token',
        status: 400,
        grantType: 'authorization_code',
        faults: [{ id: fault!.id, kind: 'code.invalid-grant', effect: 'answered 400 invalid_grant to the authorization_code grant (the code is spent)' }],
      }),
    ]);
    const raw = await rawCode();
    expect(raw.status).toBe(400);
    expect(raw.headers.get('cache-control')).toBe('no-store');
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await tokenRequest({ grant_type: 'client_credentials' })).status).toBe(200);

    idp.faults.clear();
    // The provider did redeem the code: presenting it again gets the provider's own invalid_grant.
    const again = await tokenRequest({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: request.verifier });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'grant request is invalid' } });
    const clean = await codeFlow(config);
    expect((clean.tokens as client.TokenEndpointResponseHelpers).claims()?.sub).toBe('alice');
  });
});

describe('refresh.invalid-grant', () => {
  it('unit: turns a real successful refresh into 400 invalid_grant; the code grant passes', async () => {
    const first = await rawCode();
    expect(await respond(refreshInvalidGrant, mutable(first), at('token', 'authorization_code'))).toBeUndefined();
    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token as string });
    const res = mutable(refreshed);
    expect(await respond(refreshInvalidGrant, res, at('token', 'refresh_token'))).toBe('answered 400 invalid_grant to the refresh_token grant (the refresh token is spent)');
    expect(res).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'refresh token is invalid, expired or revoked (authfault refresh.invalid-grant fault)' },
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    });
  });

  it('openid-client refreshTokenGrant rejects with invalid_grant after a normal login; one request, no retry; cleared, refresh works', async () => {
    const [fault] = await idp.faults.add({ kind: 'refresh.invalid-grant' });
    const config = await careful();
    const { since, tokens } = await codeFlow(config);
    const t = tokens as client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    expect(t.claims()?.sub).toBe('alice');
    const error = await client.refreshTokenGrant(config, t.refresh_token!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ResponseBodyError);
    expect(error).toMatchObject({
      code: 'OAUTH_RESPONSE_BODY_ERROR',
      status: 400,
      error: 'invalid_grant',
      error_description: 'refresh token is invalid, expired or revoked (authfault refresh.invalid-grant fault)',
    });
    const response = (error as client.ResponseBodyError).response;
    expect(response.headers.get('cache-control')).toBe('no-store');
    const token = idp.journal.entries(since).filter((e) => e.endpoint === 'token');
    expect(token.map((e) => [e.grantType, e.status, e.faults])).toEqual([
      ['authorization_code', 200, []],
      ['refresh_token', 400, [{ id: fault!.id, kind: 'refresh.invalid-grant', effect: 'answered 400 invalid_grant to the refresh_token grant (the refresh token is spent)' }]],
    ]);

    idp.faults.clear();
    const spent = await client.refreshTokenGrant(config, t.refresh_token!).catch((e: unknown) => e);
    expect(spent).toMatchObject({ status: 400, error: 'invalid_grant', error_description: 'grant request is invalid' });
    const clean = (await codeFlow(config)).tokens as client.TokenEndpointResponse;
    const refreshed = await client.refreshTokenGrant(config, clean.refresh_token!);
    expect(refreshed.claims()?.sub).toBe('alice');
  });
});
