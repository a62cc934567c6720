import { createPublicKey, verify as verifySignature } from 'node:crypto';
import * as jose from 'jose';
import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProviderHandle } from '../../../mock-provider/index.js';
import type { FaultInput, FaultInputOf } from '../../../mock-provider/common.js';
import { getKind } from '../../../mock-provider/faults/registry.js';
import type { FaultRequest, KeyPair, MutableResponse, TokenTools } from '../../../mock-provider/faults/types.js';
import { tokenTools } from '../../../mock-provider/inject/token-tools.js';
import { MemoryStore } from '../../../mock-provider/provider/adapter.js';
import { loadSigningKey, type SigningKey } from '../../../mock-provider/provider/keys.js';
import { authorizationRequest } from '../../helpers/authorization-request.js';
import { loginThroughProvider } from '../../helpers/http-login.js';

const CLIENT = 'token-app';
const SECRET = 'token-app-secret-0123456789abcdef0123456789abcdef';
const REDIRECT = 'http://127.0.0.1:9/cb';
const ISSUER = 'https://op.example/default';

/** The kinds with a `token` parameter choosing id_token or (a JWT) access_token. */
const JWT_KINDS: { kind: string; params?: Record<string, unknown> }[] = [
  { kind: 'token.bad-signature' },
  { kind: 'token.foreign-key' },
  { kind: 'token.unknown-kid' },
  { kind: 'token.alg-none' },
  { kind: 'token.wrong-alg' },
  { kind: 'token.malformed' },
  { kind: 'token.wrong-issuer' },
  { kind: 'token.wrong-audience' },
  { kind: 'token.missing-claim', params: { claim: 'sub' } },
  { kind: 'token.claims', params: { set: { acr: 'x' } } },
  { kind: 'token.iat-future' },
  { kind: 'token.nbf-future' },
];

const decode = (jwt: string) => ({ header: jose.decodeProtectedHeader(jwt), payload: jose.decodeJwt(jwt) });

/** Apply a kind's response hook directly, as the engine does at the token endpoint. */
async function apply(kind: string, params: Record<string, unknown>, res: MutableResponse, tools: TokenTools, state: Record<string, unknown> = {}, clientId = CLIENT) {
  const def = getKind(kind)!;
  const req: FaultRequest = { point: 'token', method: 'POST', path: '/token', query: {}, clientId, grantType: 'authorization_code', ip: '127.0.0.1', now: Date.now() };
  return def.hooks.response!(res, def.params.parse(params), tools, req, state);
}

describe('token faults: the mutation, on tokens signed like the provider signs them', () => {
  let key: SigningKey;
  let store: MemoryStore;
  let tools: TokenTools;
  let idToken: string;
  let jwtAccessToken: string;
  const now = Math.floor(Date.now() / 1000);

  const response = (overrides: Record<string, unknown> = {}): MutableResponse => ({
    status: 200,
    headers: {},
    body: { access_token: 'opaque-access', token_type: 'Bearer', expires_in: 3600, refresh_token: 'opaque-refresh', id_token: idToken, scope: 'openid', ...overrides },
  });

  /** The signature of a compact JWS, checked against a public key with node's own crypto (no JOSE library in between). */
  const signatureValid = (jwt: string, publicJwk: Record<string, unknown>) => {
    const [h, p, s] = jwt.split('.') as [string, string, string];
    return verifySignature('sha256', Buffer.from(`${h}.${p}`), createPublicKey({ key: publicJwk as jose.JWK, format: 'jwk' }), Buffer.from(s, 'base64url'));
  };

  beforeAll(async () => {
    key = await loadSigningKey();
    store = new MemoryStore(() => []);
    tools = tokenTools(key, store, (id) => (id === CLIENT ? SECRET : undefined));
    idToken = await new jose.SignJWT({ sub: 'alice', nonce: 'n-0S6_WzA2Mj', at_hash: 'x', email: 'alice@example.com' })
      .setProtectedHeader({ alg: 'RS256', kid: key.jwk.kid, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(CLIENT)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(key.privateKey);
    jwtAccessToken = await new jose.SignJWT({ sub: 'alice', client_id: CLIENT, scope: 'api' })
      .setProtectedHeader({ alg: 'RS256', kid: key.jwk.kid, typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience('urn:mock:api')
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(key.privateKey);
  });
  afterAll(() => store.close());

  it('the fixture id_token verifies with the provider key (so every failure below is the fault\'s)', async () => {
    expect(signatureValid(idToken, tools.signingKey().publicJwk)).toBe(true);
  });

  it('token.bad-signature: header and payload untouched, last signature byte inverted, still canonical base64url', async () => {
    const res = response();
    expect(await apply('token.bad-signature', {}, res, tools)).toBe('id_token signature corrupted (last byte inverted)');
    const [h, p, s] = (res.body.id_token as string).split('.') as [string, string, string];
    const [h0, p0, s0] = idToken.split('.') as [string, string, string];
    expect([h, p]).toEqual([h0, p0]);
    expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(s.length).toBe(s0.length);
    expect(Buffer.from(Buffer.from(s, 'base64url').toString('base64url'), 'base64url').toString('base64url')).toBe(s);
    const diff = [...Buffer.from(s, 'base64url')].map((b, i) => b ^ Buffer.from(s0, 'base64url')[i]!);
    expect(diff.filter((d) => d !== 0)).toEqual([0xff]);
    expect(diff.at(-1)).toBe(0xff);
    expect(signatureValid(res.body.id_token as string, tools.signingKey().publicJwk)).toBe(false);
  });

  it('token.foreign-key: a valid signature by one foreign key per fault, under the provider kid', async () => {
    const state = {};
    const first = response();
    const second = response();
    expect(await apply('token.foreign-key', {}, first, tools, state)).toBe(`id_token re-signed by a foreign RS256 key under the provider's kid "${key.jwk.kid}"`);
    await apply('token.foreign-key', {}, second, tools, state);
    const foreign = await (state as { key: Promise<KeyPair> }).key;
    for (const res of [first, second]) {
      const jwt = res.body.id_token as string;
      expect(decode(jwt).header).toEqual({ alg: 'RS256', kid: key.jwk.kid, typ: 'JWT' });
      expect(decode(jwt).payload).toEqual(decode(idToken).payload);
      expect(signatureValid(jwt, foreign.publicJwk)).toBe(true);
      expect(signatureValid(jwt, tools.signingKey().publicJwk)).toBe(false);
    }
    expect(foreign.publicJwk.n).not.toBe(tools.signingKey().publicJwk.n);
  });

  it('token.unknown-kid: signed by the provider key, header kid changed (default and given)', async () => {
    const res = response();
    expect(await apply('token.unknown-kid', {}, res, tools)).toBe(`id_token re-signed with header kid "${key.jwk.kid}-unknown", which the JWKS does not hold`);
    expect(decode(res.body.id_token as string).header).toEqual({ alg: 'RS256', kid: `${key.jwk.kid}-unknown`, typ: 'JWT' });
    expect(signatureValid(res.body.id_token as string, tools.signingKey().publicJwk)).toBe(true);
    const given = response();
    await apply('token.unknown-kid', { kid: 'k-nowhere' }, given, tools);
    expect(decode(given.body.id_token as string).header.kid).toBe('k-nowhere');
  });

  it('token.alg-none: alg none, empty signature, claims unchanged', async () => {
    const res = response();
    expect(await apply('token.alg-none', {}, res, tools)).toBe('id_token made unsigned (alg "none", empty signature)');
    const jwt = res.body.id_token as string;
    expect(jwt.endsWith('.')).toBe(true);
    expect(decode(jwt).header.alg).toBe('none');
    expect(decode(jwt).payload).toEqual(decode(idToken).payload);
  });

  it('token.wrong-alg HS256: an HMAC keyed with the client secret', async () => {
    const res = response();
    expect(await apply('token.wrong-alg', {}, res, tools)).toBe(`id_token re-signed with HS256 keyed with the client secret of ${CLIENT}`);
    const { protectedHeader, payload } = await jose.jwtVerify(res.body.id_token as string, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] });
    expect(protectedHeader).toEqual({ alg: 'HS256', kid: key.jwk.kid, typ: 'JWT' });
    expect(payload).toEqual(decode(idToken).payload);
  });

  it('token.wrong-alg HS256 does nothing for a client without a secret: there is no key to confuse', async () => {
    const res = response();
    expect(await apply('token.wrong-alg', {}, res, tools, {}, 'public-app')).toBeUndefined();
    expect(res.body.id_token).toBe(idToken);
  });

  it.each(['RS384', 'PS256'])('token.wrong-alg %s: the provider\'s own RSA key, the same kid, another algorithm', async (alg) => {
    const res = response();
    expect(await apply('token.wrong-alg', { alg }, res, tools)).toBe(`id_token re-signed with ${alg} by the provider's key "${key.jwk.kid}" (RS256 expected)`);
    const publicKey = await jose.importJWK({ ...tools.signingKey().publicJwk, alg }, alg);
    const { protectedHeader } = await jose.jwtVerify(res.body.id_token as string, publicKey, { algorithms: [alg] });
    expect(protectedHeader).toEqual({ alg, kid: key.jwk.kid, typ: 'JWT' });
  });

  it.each([
    ['segments', 'id_token made malformed: two segments, no signature segment'],
    ['base64', 'id_token made malformed: a "!" in the payload segment (not base64url), validly signed'],
    ['json', 'id_token made malformed: payload is not JSON (closing brace cut off), validly signed'],
    ['truncated', 'id_token made malformed: signature segment cut to half its length'],
  ])('token.malformed how=%s', async (how, effect) => {
    const res = response();
    expect(await apply('token.malformed', { how }, res, tools)).toBe(effect);
    const jwt = res.body.id_token as string;
    const [h, p, s] = jwt.split('.');
    const [h0, p0, s0] = idToken.split('.') as [string, string, string];
    expect(h).toBe(h0);
    switch (how) {
      case 'segments':
        expect(jwt).toBe(`${h0}.${p0}`);
        break;
      case 'base64':
        expect(p).toMatch(/^[A-Za-z0-9_-]+![A-Za-z0-9_-]+$/);
        expect(p!.length).toBe(p0.length);
        expect(signatureValid(jwt, tools.signingKey().publicJwk)).toBe(true);
        break;
      case 'json':
        expect(Buffer.from(p!, 'base64url').toString()).toBe(Buffer.from(p0, 'base64url').toString().slice(0, -1));
        expect(() => JSON.parse(Buffer.from(p!, 'base64url').toString())).toThrow(SyntaxError);
        expect(signatureValid(jwt, tools.signingKey().publicJwk)).toBe(true);
        break;
      case 'truncated':
        expect(p).toBe(p0);
        expect(s).toBe(s0.slice(0, Math.floor(s0.length / 2)));
        break;
    }
  });

  it.each([
    ['token.wrong-issuer', {}, { iss: `${ISSUER}1` }, `id_token re-signed with iss "${ISSUER}1" (was "${ISSUER}")`],
    ['token.wrong-issuer', { value: 'https://example.org/' }, { iss: 'https://example.org/' }, `id_token re-signed with iss "https://example.org/" (was "${ISSUER}")`],
    ['token.wrong-audience', {}, { aud: `${CLIENT}1` }, `id_token re-signed with aud "${CLIENT}1" (was "${CLIENT}")`],
    ['token.wrong-audience', { value: 'https://example.com/' }, { aud: 'https://example.com/' }, `id_token re-signed with aud "https://example.com/" (was "${CLIENT}")`],
    ['token.extra-audience', {}, { aud: [CLIENT, 'authfault-untrusted-client'] }, `id_token re-signed with aud ["${CLIENT}","authfault-untrusted-client"] and no azp (was "${CLIENT}")`],
    ['token.nonce-mismatch', {}, { nonce: 'n-0S6_WzA2Mj1' }, 'id_token re-signed with nonce "n-0S6_WzA2Mj1" (was "n-0S6_WzA2Mj")'],
    ['token.claims', { set: { sub: 'mallory', exp: 'tomorrow' }, drop: ['email', 'sub'] }, { sub: 'mallory', exp: 'tomorrow', email: undefined }, 'id_token re-signed with claims set sub="mallory", exp="tomorrow"; dropped email, sub'],
  ])('%s %j sets %j, re-signed by the provider key', async (kind, params, expected, effect) => {
    const res = response();
    expect(await apply(kind, params, res, tools)).toBe(effect);
    const jwt = res.body.id_token as string;
    expect(decode(jwt).header).toEqual({ alg: 'RS256', kid: key.jwk.kid, typ: 'JWT' });
    expect(decode(jwt).payload).toEqual(JSON.parse(JSON.stringify({ ...decode(idToken).payload, ...expected })));
    expect(signatureValid(jwt, tools.signingKey().publicJwk)).toBe(true);
  });

  it.each(['iss', 'sub', 'aud', 'exp', 'iat', 'nonce'])('token.missing-claim %s removes just that claim', async (claim) => {
    const res = response();
    expect(await apply('token.missing-claim', { claim }, res, tools)).toBe(`id_token re-signed with no ${claim} claim`);
    const { [claim]: _gone, ...rest } = decode(idToken).payload;
    expect(decode(res.body.id_token as string).payload).toEqual(rest);
  });

  it('token.extra-audience removes an azp the provider set', async () => {
    const withAzp = await tools.resign(idToken, (payload) => {
      payload.azp = CLIENT;
    });
    const res = response({ id_token: withAzp });
    await apply('token.extra-audience', {}, res, tools);
    expect(decode(res.body.id_token as string).payload.azp).toBeUndefined();
  });

  it('token.iat-future moves iat (and exp with it, keeping the lifetime); token.nbf-future adds nbf', async () => {
    const iat = response();
    expect(await apply('token.iat-future', { by_s: 600 }, iat, tools)).toBe('id_token re-signed with iat 600s in the future');
    const moved = decode(iat.body.id_token as string).payload;
    expect(moved.iat! - tools.epoch()).toBeGreaterThanOrEqual(599);
    expect(moved.iat! - tools.epoch()).toBeLessThanOrEqual(600);
    expect(moved.exp! - moved.iat!).toBe(3600);
    const nbf = response();
    expect(await apply('token.nbf-future', {}, nbf, tools)).toBe('id_token re-signed with nbf 3600s in the future');
    const later = decode(nbf.body.id_token as string).payload;
    expect(later.nbf! - tools.epoch()).toBeGreaterThanOrEqual(3599);
    expect(later.exp! > later.nbf!).toBe(true);
    expect(later.iat).toBe(now);
  });

  it('do nothing where there is nothing to change: no nonce, no claims given, an error response', async () => {
    const noNonce = await tools.resign(idToken, (payload) => {
      delete payload.nonce;
    });
    for (const [kind, params] of [
      ['token.nonce-mismatch', {}],
      ['token.missing-claim', { claim: 'nonce' }],
      ['token.claims', {}],
    ] as const) {
      const res = response({ id_token: noNonce });
      expect(await apply(kind, params, res, tools)).toBeUndefined();
      expect(res.body.id_token).toBe(noNonce);
    }
    const error: MutableResponse = { status: 400, headers: {}, body: { error: 'invalid_grant', error_description: 'grant request is invalid' } };
    for (const { kind, params } of JWT_KINDS) expect(await apply(kind, params ?? {}, error, tools)).toBeUndefined();
    expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'grant request is invalid' });
  });

  it.each(JWT_KINDS)('$kind with token=access_token leaves an opaque access token alone and reports nothing', async ({ kind, params }) => {
    const res = response();
    const before = structuredClone(res.body);
    expect(await apply(kind, { ...params, token: 'access_token' }, res, tools)).toBeUndefined();
    expect(res.body).toEqual(before);
  });

  it.each(JWT_KINDS)('$kind with token=access_token changes a JWT access token, and not the id_token', async ({ kind, params }) => {
    const res = response({ access_token: jwtAccessToken });
    const effect = await apply(kind, { ...params, token: 'access_token' }, res, tools);
    expect(effect).toMatch(/^access_token /);
    expect(res.body.access_token).not.toBe(jwtAccessToken);
    expect(res.body.id_token).toBe(idToken);
  });

  describe('token.ttl', () => {
    it('id_token: exp = iat + seconds, re-signed; expires_in (the access token\'s) untouched', async () => {
      const res = response();
      expect(await apply('token.ttl', { seconds: 2 }, res, tools)).toBe('id_token re-signed with a lifetime of 2s');
      const { header, payload } = decode(res.body.id_token as string);
      expect(header).toEqual({ alg: 'RS256', kid: key.jwk.kid, typ: 'JWT' });
      expect(payload.exp).toBe(now + 2);
      expect(res.body.expires_in).toBe(3600);
      expect(signatureValid(res.body.id_token as string, tools.signingKey().publicJwk)).toBe(true);
    });

    it.each([
      ['access_token', 'AccessToken', 'opaque-access', 'access_token stored with a lifetime of 1s, expires_in 1', 1],
      ['refresh_token', 'RefreshToken', 'opaque-refresh', 'refresh_token stored with a lifetime of 1s', 3600],
    ] as const)('%s (opaque): the stored exp moves to iat + seconds', async (token, model, value, effect, expiresIn) => {
      const iat = tools.epoch();
      await store.adapterFor(model).upsert(value, { iat, exp: iat + 3600, jti: value, kind: model }, 3600);
      const res = response();
      expect(await apply('token.ttl', { token, seconds: 1 }, res, tools)).toBe(effect);
      expect(store.model(model).get(value)!.payload.exp).toBe(iat + 1);
      expect(res.body.expires_in).toBe(expiresIn);
      expect(res.body[token]).toBe(value);
    });

    it('an opaque token the provider does not hold is left alone', async () => {
      const res = response({ access_token: 'never-issued' });
      expect(await apply('token.ttl', { token: 'access_token', seconds: 1 }, res, tools)).toBeUndefined();
      expect(res.body.expires_in).toBe(3600);
    });

    it('a JWT access token is re-signed with the short exp and expires_in to match', async () => {
      const res = response({ access_token: jwtAccessToken });
      expect(await apply('token.ttl', { token: 'access_token', seconds: 3 }, res, tools)).toBe('access_token re-signed with a lifetime of 3s, expires_in 3');
      expect(decode(res.body.access_token as string).payload.exp).toBe(now + 3);
      expect(res.body.expires_in).toBe(3);
    });
  });
});

/** What a real client saw in one authorization code flow, and what the provider recorded. */
interface FlowResult {
  tokens?: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  error?: unknown;
  /** The token response exactly as it arrived (the id_token the client judged). */
  body: Record<string, unknown>;
  config: client.Configuration;
  /** The nonce the authorization request sent. */
  nonce: string;
  faults: { kind: string; effect: string }[];
}

describe('token faults: what real clients see in an authorization code flow', () => {
  let idp: MockProviderHandle;
  let kid: string;
  let jwks: ReturnType<typeof jose.createRemoteJWKSet>;

  beforeAll(async () => {
    idp = await createMockProvider({ clients: [{ client_id: CLIENT, client_secret: SECRET, redirect_uris: [REDIRECT] }] });
    jwks = jose.createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    kid = ((await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: { kid: string }[] }).keys[0]!.kid;
  });
  afterEach(() => idp.faults.clear());
  afterAll(() => idp.close());

  /** Sign alice in with PKCE, state and nonce and redeem the code with openid-client 6. */
  async function codeFlow(options: { nonRepudiation?: boolean; clockSkew?: number } = {}): Promise<FlowResult> {
    const metadata: client.ClientMetadata = { client_id: CLIENT, client_secret: SECRET };
    if (options.clockSkew !== undefined) metadata[client.clockSkew] = options.clockSkew;
    const config = await client.discovery(new URL(idp.issuer), CLIENT, metadata, undefined, { execute: [client.allowInsecureRequests] });
    if (options.nonRepudiation !== false) client.enableNonRepudiationChecks(config);
    let body: Record<string, unknown> = {};
    config[client.customFetch] = async (url, init) => {
      const res = await fetch(url, init as RequestInit);
      if (new URL(url).pathname.endsWith('/token')) body = (await res.clone().json()) as Record<string, unknown>;
      return res;
    };
    const request = await authorizationRequest(idp.issuer, CLIENT, REDIRECT);
    const callback = await loginThroughProvider(request.url.href, REDIRECT, 'alice');
    const since = idp.journal.lastId;
    const checks = { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce };
    const outcome = await client.authorizationCodeGrant(config, callback, checks).then(
      (tokens) => ({ tokens }),
      (error: unknown) => ({ error }),
    );
    const token = idp.journal.entries(since).filter((e) => e.endpoint === 'token');
    expect(token).toHaveLength(1);
    return { ...outcome, body, config, nonce: request.nonce, faults: token[0]!.faults.map(({ kind, effect }) => ({ kind, effect })) };
  }

  /** jose.jwtVerify's outcome: 'accepted' or the error's [code, message]. */
  async function joseVerdict(jwt: string, options: jose.JWTVerifyOptions): Promise<'accepted' | [string, string]> {
    try {
      await jose.jwtVerify(jwt, jwks, options);
      return 'accepted';
    } catch (error) {
      return [(error as jose.errors.JOSEError).code, (error as Error).message];
    }
  }

  /** What a careful app asks of jose for an id_token, beyond the JWKS. */
  const careful = (): jose.JWTVerifyOptions => ({
    issuer: idp.issuer,
    audience: CLIENT,
    algorithms: ['RS256'],
    requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
    maxTokenAge: '10 min',
  });

  type Verdict = 'accepted' | [code: string, message: string];
  interface Row {
    fault: FaultInput;
    /** The journal's effect; `${issuer}`, `${kid}` and `${nonce}` are filled in. */
    effect: string;
    /** openid-client 6 with enableNonRepudiationChecks: the OperationProcessingError (the ClientError's cause). */
    client: Verdict;
    /** openid-client 6 as configured by default (token-endpoint id_token signatures not checked). */
    plain: 'same' | 'accepted';
    /** jose.jwtVerify with nothing but the provider's remote JWKS. */
    jose: Verdict;
    /** jose.jwtVerify with careful()'s issuer, audience, algorithms, required claims and maxTokenAge. */
    joseCareful: 'same' | Verdict;
  }

  const SIG_FAILED: Verdict = ['OAUTH_INVALID_RESPONSE', 'JWT signature verification failed'];
  const JOSE_SIG_FAILED: Verdict = ['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'signature verification failed'];
  const ALG_REFUSED: Verdict = ['OAUTH_INVALID_RESPONSE', 'unexpected JWT "alg" header parameter'];
  const JOSE_ALG_NOT_ALLOWED: Verdict = ['ERR_JOSE_ALG_NOT_ALLOWED', '"alg" (Algorithm) Header Parameter value not allowed'];
  const JOSE_NO_KEY: Verdict = ['ERR_JWKS_NO_MATCHING_KEY', 'no applicable key found in the JSON Web Key Set'];
  const NOT_PARSED: Verdict = ['OAUTH_PARSE_ERROR', 'failed to parse JWT Payload body as base64url encoded JSON'];
  const missing = (claim: FaultInputOf<'token.missing-claim'>['claim'], name: string): Row => ({
    fault: { kind: 'token.missing-claim', claim },
    effect: `id_token re-signed with no ${claim} claim`,
    client: ['OAUTH_INVALID_RESPONSE', `JWT "${claim}" (${name}) claim missing`],
    plain: 'same',
    jose: 'accepted',
    // jose has no nonce check at all: the app compares nonce itself.
    joseCareful: claim === 'nonce' ? 'accepted' : ['ERR_JWT_CLAIM_VALIDATION_FAILED', `missing required "${claim}" claim`],
  });

  const ROWS: Row[] = [
    {
      fault: { kind: 'token.bad-signature' },
      effect: 'id_token signature corrupted (last byte inverted)',
      client: SIG_FAILED,
      // OIDC Core §3.1.3.7 lets a client trust TLS for a token-endpoint id_token; openid-client 6 does.
      plain: 'accepted',
      jose: JOSE_SIG_FAILED,
      joseCareful: 'same',
    },
    {
      fault: { kind: 'token.foreign-key' },
      effect: 'id_token re-signed by a foreign RS256 key under the provider\'s kid "${kid}"',
      client: SIG_FAILED,
      plain: 'accepted',
      jose: JOSE_SIG_FAILED,
      joseCareful: 'same',
    },
    {
      fault: { kind: 'token.unknown-kid' },
      effect: 'id_token re-signed with header kid "${kid}-unknown", which the JWKS does not hold',
      client: ['OAUTH_KEY_SELECTION_FAILED', 'error when selecting a JWT verification key, no applicable keys found'],
      plain: 'accepted',
      jose: JOSE_NO_KEY,
      joseCareful: 'same',
    },
    {
      fault: { kind: 'token.alg-none' },
      effect: 'id_token made unsigned (alg "none", empty signature)',
      // The alg is checked against the provider's id_token_signing_alg_values_supported (["RS256"]) even without non-repudiation checks.
      client: ALG_REFUSED,
      plain: 'same',
      jose: ['ERR_JOSE_NOT_SUPPORTED', 'Unsupported "alg" value for a JSON Web Key Set'],
      joseCareful: JOSE_ALG_NOT_ALLOWED,
    },
    {
      fault: { kind: 'token.wrong-alg' },
      effect: `id_token re-signed with HS256 keyed with the client secret of ${CLIENT}`,
      client: ALG_REFUSED,
      plain: 'same',
      jose: ['ERR_JOSE_NOT_SUPPORTED', 'Unsupported "alg" value for a JSON Web Key Set'],
      joseCareful: JOSE_ALG_NOT_ALLOWED,
    },
    {
      fault: { kind: 'token.wrong-alg', alg: 'RS384' },
      effect: 'id_token re-signed with RS384 by the provider\'s key "${kid}" (RS256 expected)',
      client: ALG_REFUSED,
      plain: 'same',
      // Only because the JWKS entry carries "alg": "RS256"; without it the RSA key would verify RS384.
      jose: JOSE_NO_KEY,
      joseCareful: JOSE_ALG_NOT_ALLOWED,
    },
    {
      fault: { kind: 'token.wrong-alg', alg: 'PS256' },
      effect: 'id_token re-signed with PS256 by the provider\'s key "${kid}" (RS256 expected)',
      client: ALG_REFUSED,
      plain: 'same',
      jose: JOSE_NO_KEY,
      joseCareful: JOSE_ALG_NOT_ALLOWED,
    },
    {
      fault: { kind: 'token.malformed', how: 'segments' },
      effect: 'id_token made malformed: two segments, no signature segment',
      client: ['OAUTH_INVALID_RESPONSE', 'Invalid JWT'],
      plain: 'same',
      jose: ['ERR_JWS_INVALID', 'Invalid Compact JWS'],
      joseCareful: 'same',
    },
    {
      fault: { kind: 'token.malformed', how: 'base64' },
      effect: 'id_token made malformed: a "!" in the payload segment (not base64url), validly signed',
      client: NOT_PARSED,
      plain: 'same',
      jose: ['ERR_JWS_INVALID', 'Failed to base64url decode the payload'],
      joseCareful: 'same',
    },
    {
      fault: { kind: 'token.malformed', how: 'json' },
      effect: 'id_token made malformed: payload is not JSON (closing brace cut off), validly signed',
      client: NOT_PARSED,
      plain: 'same',
      jose: ['ERR_JWT_INVALID', 'JWT Claims Set must be a top-level JSON object'],
      joseCareful: 'same',
    },
    {
      fault: { kind: 'token.malformed', how: 'truncated' },
      effect: 'id_token made malformed: signature segment cut to half its length',
      client: SIG_FAILED,
      plain: 'accepted',
      jose: JOSE_SIG_FAILED,
      joseCareful: 'same',
    },
    {
      fault: { kind: 'token.wrong-issuer' },
      effect: 'id_token re-signed with iss "${issuer}1" (was "${issuer}")',
      client: ['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'unexpected JWT "iss" (issuer) claim value'],
      plain: 'same',
      jose: 'accepted',
      joseCareful: ['ERR_JWT_CLAIM_VALIDATION_FAILED', 'unexpected "iss" claim value'],
    },
    {
      fault: { kind: 'token.wrong-audience' },
      effect: `id_token re-signed with aud "${CLIENT}1" (was "${CLIENT}")`,
      client: ['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'unexpected JWT "aud" (audience) claim value'],
      plain: 'same',
      jose: 'accepted',
      joseCareful: ['ERR_JWT_CLAIM_VALIDATION_FAILED', 'unexpected "aud" claim value'],
    },
    {
      fault: { kind: 'token.extra-audience' },
      effect: `id_token re-signed with aud ["${CLIENT}","authfault-untrusted-client"] and no azp (was "${CLIENT}")`,
      client: ['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'ID Token "aud" (audience) claim includes additional untrusted audiences'],
      plain: 'same',
      // aud contains the client: jose's audience check passes, and jose knows no azp rule.
      jose: 'accepted',
      joseCareful: 'accepted',
    },
    missing('iss', 'issuer'),
    missing('sub', 'subject'),
    missing('aud', 'audience'),
    missing('exp', 'expiration time'),
    missing('iat', 'issued at'),
    missing('nonce', 'nonce'),
    {
      fault: { kind: 'token.nonce-mismatch' },
      effect: 'id_token re-signed with nonce "${nonce}1" (was "${nonce}")',
      client: ['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'unexpected ID Token "nonce" claim value'],
      plain: 'same',
      jose: 'accepted',
      joseCareful: 'accepted',
    },
    {
      fault: { kind: 'token.claims', set: { exp: 'tomorrow' }, drop: ['email'] },
      effect: 'id_token re-signed with claims set exp="tomorrow"; dropped email',
      client: ['OAUTH_INVALID_RESPONSE', 'unexpected JWT "exp" (expiration time) claim type'],
      plain: 'same',
      jose: ['ERR_JWT_CLAIM_VALIDATION_FAILED', '"exp" claim must be a number'],
      joseCareful: 'same',
    },
    {
      fault: { kind: 'token.iat-future' },
      effect: 'id_token re-signed with iat 3600s in the future',
      // openid-client 6 (oauth4webapi) checks only that iat is a number: a future iat passes.
      client: 'accepted',
      plain: 'same',
      // jose too, unless maxTokenAge is set.
      jose: 'accepted',
      joseCareful: ['ERR_JWT_CLAIM_VALIDATION_FAILED', '"iat" claim timestamp check failed (it should be in the past)'],
    },
    {
      fault: { kind: 'token.nbf-future' },
      effect: 'id_token re-signed with nbf 3600s in the future',
      client: ['OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'unexpected JWT "nbf" (not before) claim value'],
      plain: 'same',
      jose: ['ERR_JWT_CLAIM_VALIDATION_FAILED', '"nbf" claim timestamp check failed'],
      joseCareful: 'same',
    },
  ];

  const label = (row: Row) => Object.entries(row.fault).map(([k, v]) => (k === 'kind' ? v : `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)).join(' ');

  /** The openid-client outcome in the same shape as a row's verdict. */
  const clientVerdict = (flow: FlowResult): Verdict => {
    if (!flow.error) return 'accepted';
    expect(flow.error).toBeInstanceOf(client.ClientError);
    const cause = (flow.error as { cause?: { code?: string; message?: string } }).cause;
    expect((flow.error as client.ClientError).code).toBe(cause?.code);
    return [cause!.code!, cause!.message!];
  };

  it.each(ROWS.map((row) => [label(row), row] as const))('%s', async (_label, row) => {
    await idp.faults.add(row.fault);
    const faulted = await codeFlow();
    const idToken = faulted.body.id_token as string;
    const effect = row.effect.replaceAll('${issuer}', idp.issuer).replaceAll('${kid}', kid).replaceAll('${nonce}', faulted.nonce);
    expect(faulted.faults).toEqual([{ kind: row.fault.kind, effect }]);
    expect(clientVerdict(faulted)).toEqual(row.client);
    expect(await joseVerdict(idToken, {})).toEqual(row.jose);
    expect(await joseVerdict(idToken, careful())).toEqual(row.joseCareful === 'same' ? row.jose : row.joseCareful);

    const plain = await codeFlow({ nonRepudiation: false });
    expect(plain.faults).toHaveLength(1);
    expect(clientVerdict(plain)).toEqual(row.plain === 'same' ? row.client : 'accepted');

    idp.faults.clear();
    const cleared = await codeFlow();
    expect(cleared.error).toBeUndefined();
    expect(cleared.faults).toEqual([]);
    expect(cleared.tokens!.claims()!.sub).toBe('alice');
    expect(await joseVerdict(cleared.body.id_token as string, careful())).toBe('accepted');
  });

  it('refuses parameters a kind does not have or that are out of range, naming them', async () => {
    // Each of these is a compile error too: the parameters are typed from the registry.
    // @ts-expect-error -- claim is required
    await expect(idp.faults.add({ kind: 'token.missing-claim' })).rejects.toMatchObject({ code: 'AUTHFAULT_FAULT_INVALID', message: expect.stringMatching(/^claim: /) });
    // @ts-expect-error -- azp is not a claim the kind can remove
    await expect(idp.faults.add({ kind: 'token.missing-claim', claim: 'azp' })).rejects.toMatchObject({ message: expect.stringContaining('iss, sub, aud, exp, iat, nonce') });
    await expect(idp.faults.add({ kind: 'token.ttl', seconds: 0 })).rejects.toMatchObject({ message: expect.stringMatching(/^seconds: /) });
    // @ts-expect-error -- ES256 is not an algorithm the kind offers
    await expect(idp.faults.add({ kind: 'token.wrong-alg', alg: 'ES256' })).rejects.toMatchObject({ message: expect.stringMatching(/^alg: /) });
    // @ts-expect-error -- token.nonce-mismatch has no token parameter
    await expect(idp.faults.add({ kind: 'token.nonce-mismatch', token: 'access_token' })).rejects.toMatchObject({ code: 'AUTHFAULT_FAULT_INVALID' });
  });

  it('with token=access_token, the signature and claim faults leave the (opaque) access token alone and record nothing', async () => {
    await idp.faults.add([
      { kind: 'token.bad-signature', token: 'access_token' },
      { kind: 'token.wrong-issuer', token: 'access_token' },
      { kind: 'token.alg-none', token: 'access_token' },
    ]);
    const flow = await codeFlow();
    expect(flow.error).toBeUndefined();
    expect(flow.faults).toEqual([]);
    expect(flow.body.access_token).not.toMatch(/\./);
    expect(idp.faults.list().map((f) => f.applied)).toEqual([0, 0, 0]);
  });

  describe('token.ttl', () => {
    /** Poll introspection until the provider says the token is no longer active; bounded. */
    async function inactiveWithin(config: client.Configuration, token: string, ms: number): Promise<number> {
      const started = Date.now();
      for (;;) {
        const { active } = await client.tokenIntrospection(config, token);
        if (!active) return Date.now() - started;
        if (Date.now() - started > ms) throw new Error(`token still active after ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    it('id_token: exp = iat + 2 s; jose refuses it 3 s after iat, and openid-client refuses it on a clock 40 s ahead while the normal token passes', async () => {
      await idp.faults.add({ kind: 'token.ttl', seconds: 2 });
      const faulted = await codeFlow();
      expect(faulted.error).toBeUndefined();
      expect(faulted.faults).toEqual([{ kind: 'token.ttl', effect: 'id_token re-signed with a lifetime of 2s' }]);
      const idToken = faulted.body.id_token as string;
      const { iat, exp } = jose.decodeJwt(idToken);
      expect(exp! - iat!).toBe(2);
      expect(faulted.body.expires_in).toBe(3600);
      expect(await joseVerdict(idToken, { ...careful(), currentDate: new Date((iat! + 1) * 1000) })).toBe('accepted');
      expect(await joseVerdict(idToken, { ...careful(), currentDate: new Date((iat! + 3) * 1000) })).toEqual([
        'ERR_JWT_EXPIRED',
        '"exp" claim timestamp check failed',
      ]);

      // openid-client tolerates 30 s of skew; a clock 40 s ahead is past exp + tolerance of the 2 s token only.
      const ahead = await codeFlow({ clockSkew: 40 });
      expect(clientVerdict(ahead)).toEqual(['OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'unexpected JWT "exp" (expiration time) claim value, expiration is past current timestamp']);

      idp.faults.clear();
      const cleared = await codeFlow({ clockSkew: 40 });
      expect(cleared.error).toBeUndefined();
      expect(cleared.faults).toEqual([]);
      const normal = jose.decodeJwt(cleared.body.id_token as string);
      expect(normal.exp! - normal.iat!).toBe(3600);
    });

    it('access_token: expires_in 1, and the provider itself stops honouring it (introspection inactive, UserInfo 401 invalid_token)', async () => {
      await idp.faults.add({ kind: 'token.ttl', token: 'access_token', seconds: 1 });
      const flow = await codeFlow();
      expect(flow.error).toBeUndefined();
      expect(flow.faults).toEqual([{ kind: 'token.ttl', effect: 'access_token stored with a lifetime of 1s, expires_in 1' }]);
      expect(flow.tokens!.expires_in).toBe(1);
      expect(flow.tokens!.expiresIn()).toBeLessThanOrEqual(1);
      expect(await inactiveWithin(flow.config, flow.tokens!.access_token, 5000)).toBeLessThan(5000);
      // Expired for introspection is expired for UserInfo: oidc-provider alone would answer it for
      // 15 s more (its clockTolerance), and an app that never refreshes would not notice.
      const refused = await client.fetchUserInfo(flow.config, flow.tokens!.access_token, 'alice').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(client.WWWAuthenticateChallengeError);
      expect((refused as client.WWWAuthenticateChallengeError).cause.find((c) => c.scheme === 'bearer')?.parameters.error).toBe('invalid_token');

      idp.faults.clear();
      const cleared = await codeFlow();
      expect(cleared.tokens!.expires_in).toBe(3600);
      expect((await client.tokenIntrospection(cleared.config, cleared.tokens!.access_token)).active).toBe(true);
      expect((await client.fetchUserInfo(cleared.config, cleared.tokens!.access_token, 'alice')).sub).toBe('alice');
    });

    it('refresh_token: the provider expires it after 1 s, and the refresh grant answers invalid_grant', async () => {
      await idp.faults.add({ kind: 'token.ttl', token: 'refresh_token', seconds: 1 });
      const flow = await codeFlow();
      expect(flow.faults).toEqual([{ kind: 'token.ttl', effect: 'refresh_token stored with a lifetime of 1s' }]);
      expect(flow.tokens!.expires_in).toBe(3600);
      const refreshToken = flow.tokens!.refresh_token!;
      expect(await inactiveWithin(flow.config, refreshToken, 5000)).toBeLessThan(5000);
      idp.faults.clear();
      const refused = await client.refreshTokenGrant(flow.config, refreshToken).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(client.ResponseBodyError);
      expect(refused).toMatchObject({ error: 'invalid_grant', status: 400 });

      const cleared = await codeFlow();
      const refreshed = await client.refreshTokenGrant(cleared.config, cleared.tokens!.refresh_token!);
      expect(refreshed.access_token).toBeTruthy();
    });
  });
});
