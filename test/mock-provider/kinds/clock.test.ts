import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as client from 'openid-client';
import * as jose from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type JournalEntry, type MockProviderHandle } from '../../../mock-provider/index.js';
import { clockSkew, shiftClaims } from '../../../mock-provider/faults/kinds/clock/clock-skew.js';
import type { FaultRequest, MutableResponse, TokenTools } from '../../../mock-provider/faults/types.js';
import { tokenTools } from '../../../mock-provider/inject/token-tools.js';
import { MemoryStore } from '../../../mock-provider/provider/adapter.js';
import { loadSigningKey } from '../../../mock-provider/provider/keys.js';
import { authorizationRequest, type AuthorizationRequest } from '../../helpers/authorization-request.js';
import { UserAgent } from '../../helpers/user-agent.js';

const REDIRECT = 'http://127.0.0.1:9/callback';
const SECRET = 'app-secret-clock-kinds-9d14';
const BASIC = `Basic ${Buffer.from(`app:${SECRET}`).toString('base64')}`;
const FORM = { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' };

const epoch = () => Math.floor(Date.now() / 1000);
const rejection = (promise: Promise<unknown>) => promise.then(() => new Error('did not reject'), (e: unknown) => e);

describe('clock.skew, as real clients see it', () => {
  let idp: MockProviderHandle;
  let dir: string;
  /** The provider's own re-signing tools, on the same key (kept in a keys file both load). */
  let tools: TokenTools;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authfault-clock-'));
    const keysFile = join(dir, 'keys.json');
    const key = await loadSigningKey(keysFile);
    tools = tokenTools(key, new MemoryStore(() => []), () => undefined);
    idp = await createMockProvider({ keys: { file: keysFile }, clients: [{ client_id: 'app', client_secret: SECRET, redirect_uris: [REDIRECT] }] });
  });
  afterAll(async () => {
    await idp.close();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => idp.faults.clear());

  const jwks = () => jose.createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
  const verifyOptions = () => ({ issuer: idp.issuer, audience: 'app', algorithms: ['RS256'] });
  const withFaults = (entries: JournalEntry[]) => entries.filter((e) => e.faults.length > 0);

  async function authorize(scope = 'openid', extra: Record<string, string> = {}): Promise<{ request: AuthorizationRequest; callback: URL }> {
    const request = await authorizationRequest(idp.issuer, 'app', REDIRECT, { scope, ...extra });
    const browser = await UserAgent.open();
    try {
      return { request, callback: await browser.authorize(request.url.href, REDIRECT, 'alice') };
    } finally {
      await browser.dispose();
    }
  }

  /**
   * The token endpoint's raw answer to a code exchange, with the real clock's bounds around it.
   * max_age makes the provider put auth_time in the id_token.
   */
  async function rawExchange() {
    const { request, callback } = await authorize('openid', { max_age: '600' });
    const before = epoch();
    const res = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: request.verifier }),
    });
    const after = epoch();
    return { status: res.status, body: (await res.json()) as Record<string, string>, before, after };
  }

  /** openid-client with every check on (signatures too), as a careful app runs the code flow. */
  async function careful(metadata: Partial<client.ClientMetadata> = {}) {
    const config = await client.discovery(new URL(idp.issuer), 'app', { client_secret: SECRET, ...metadata }, undefined, {
      execute: [client.allowInsecureRequests],
    });
    client.enableNonRepudiationChecks(config);
    const { request, callback } = await authorize('openid offline_access');
    const since = idp.journal.lastId;
    const tokens = client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce });
    return { config, tokens, since };
  }

  describe('the hook on a real token response', () => {
    it('re-signs the id_token with iat, exp, auth_time moved and nbf added; the provider’s key still verifies it', async () => {
      const { body } = await rawExchange();
      const original = jose.decodeJwt(body.id_token!);
      const res: MutableResponse = { status: 200, body: { ...body }, headers: {} };
      const req: FaultRequest = { point: 'token', method: 'POST', path: '/default/token', query: {}, ip: '127.0.0.1', now: Date.now() };
      const effect = await clockSkew.hooks.response!(res, { seconds: -120 }, tools, req, {});
      expect(effect).toBe('id_token re-signed with iat, exp, auth_time, nbf shifted -120s');
      expect(res.body.access_token).toBe(body.access_token);
      const { payload, protectedHeader } = await jose.jwtVerify(res.body.id_token as string, jwks(), verifyOptions());
      expect(protectedHeader).toEqual(jose.decodeProtectedHeader(body.id_token!));
      expect(payload).toEqual({
        ...original,
        iat: original.iat! - 120,
        exp: original.exp! - 120,
        auth_time: (original.auth_time as number) - 120,
        nbf: original.iat! - 120,
      });
    });

    it('re-signs a JWT access token too, and leaves opaque tokens, error responses and other statuses alone', async () => {
      const key = tools.signingKey();
      const now = epoch();
      const jwtAccessToken = await new jose.SignJWT({ scope: 'openid', client_id: 'app', nbf: now })
        .setProtectedHeader({ alg: 'RS256', kid: key.jwk.kid, typ: 'at+jwt' })
        .setIssuer(idp.issuer)
        .setAudience('https://api.example')
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(key.privateKey as jose.CryptoKey);
      const req: FaultRequest = { point: 'token', method: 'POST', path: '/default/token', query: {}, ip: '127.0.0.1', now: Date.now() };
      const res: MutableResponse = { status: 200, body: { access_token: jwtAccessToken, token_type: 'Bearer', expires_in: 600 }, headers: {} };
      expect(await clockSkew.hooks.response!(res, { seconds: 45 }, tools, req, {})).toBe('access_token re-signed with iat, exp, auth_time, nbf shifted +45s');
      const claims = jose.decodeJwt(res.body.access_token as string);
      expect(claims).toMatchObject({ iat: now + 45, exp: now + 645, nbf: now + 45 });
      expect(jose.decodeProtectedHeader(res.body.access_token as string).typ).toBe('at+jwt');
      expect(res.body.expires_in).toBe(600);

      const opaque: MutableResponse = { status: 200, body: { access_token: 'opaque-value', token_type: 'Bearer' }, headers: {} };
      expect(await clockSkew.hooks.response!(opaque, { seconds: 45 }, tools, req, {})).toBeUndefined();
      expect(opaque.body.access_token).toBe('opaque-value');
      const error: MutableResponse = { status: 400, body: { error: 'invalid_grant' }, headers: {} };
      expect(await clockSkew.hooks.response!(error, { seconds: 45 }, tools, req, {})).toBeUndefined();
    });

    it('shiftClaims moves only numeric time claims; seconds: 0 and non-integers are refused', () => {
      const claims: Record<string, unknown> = { iat: 100, exp: 200, sub: 'alice', auth_time: 'bogus' };
      expect(shiftClaims(claims, 10, true)).toEqual(['iat', 'exp', 'nbf']);
      expect(claims).toEqual({ iat: 110, exp: 210, nbf: 110, sub: 'alice', auth_time: 'bogus' });
      const introspection: Record<string, unknown> = { active: true, iat: 100, exp: 200 };
      expect(shiftClaims(introspection, -10, false)).toEqual(['iat', 'exp']);
      expect(introspection).toEqual({ active: true, iat: 90, exp: 190 });
      expect(clockSkew.params.safeParse({ seconds: 0 }).success).toBe(false);
      expect(clockSkew.params.safeParse({ seconds: 1.5 }).success).toBe(false);
      expect(clockSkew.params.safeParse({}).success).toBe(false);
    });
  });

  describe('jose', () => {
    it('+300 s: the id_token is not yet valid (nbf) at default tolerance, and valid with clockTolerance 300', async () => {
      const [fault] = await idp.faults.add({ kind: 'clock.skew', seconds: 300 });
      const since = idp.journal.lastId;
      const { status, body, before, after } = await rawExchange();
      expect(status).toBe(200);
      const claims = jose.decodeJwt(body.id_token!);
      expect(claims.iat).toBeGreaterThanOrEqual(before + 300);
      expect(claims.iat).toBeLessThanOrEqual(after + 300);
      expect(claims.nbf).toBe(claims.iat);
      expect(claims.exp! - claims.iat!).toBe(3600);
      expect(claims.auth_time).toBeGreaterThan(before + 300 - 60);
      expect(claims.auth_time).toBeLessThanOrEqual(after + 300);

      const error = await rejection(jose.jwtVerify(body.id_token!, jwks(), verifyOptions()));
      expect(error).toBeInstanceOf(jose.errors.JWTClaimValidationFailed);
      expect(error).toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', message: '"nbf" claim timestamp check failed', claim: 'nbf', reason: 'check_failed' });
      const { payload } = await jose.jwtVerify(body.id_token!, jwks(), { ...verifyOptions(), clockTolerance: 300 });
      expect(payload.sub).toBe('alice');

      expect(withFaults(idp.journal.entries(since))).toEqual([
        expect.objectContaining({
          endpoint: 'token',
          status: 200,
          grantType: 'authorization_code',
          faults: [{ id: fault!.id, kind: 'clock.skew', effect: 'id_token re-signed with iat, exp, auth_time, nbf shifted +300s' }],
        }),
      ]);

      idp.faults.clear();
      const clean = await rawExchange();
      const fresh = await jose.jwtVerify(clean.body.id_token!, jwks(), verifyOptions());
      expect(fresh.payload.nbf).toBeUndefined();
      expect(fresh.payload.iat).toBeLessThanOrEqual(clean.after);
    });

    it('−7200 s: the id_token has already expired (ERR_JWT_EXPIRED)', async () => {
      await idp.faults.add({ kind: 'clock.skew', seconds: -7200 });
      const { body, before, after } = await rawExchange();
      const claims = jose.decodeJwt(body.id_token!);
      expect(claims.exp).toBeGreaterThanOrEqual(before + 3600 - 7200);
      expect(claims.exp).toBeLessThanOrEqual(after + 3600 - 7200);
      const error = await rejection(jose.jwtVerify(body.id_token!, jwks(), verifyOptions()));
      expect(error).toBeInstanceOf(jose.errors.JWTExpired);
      expect(error).toMatchObject({ code: 'ERR_JWT_EXPIRED', message: '"exp" claim timestamp check failed', claim: 'exp' });
      // On the provider's (skewed) clock the token is perfectly valid: only the time moved.
      const { payload } = await jose.jwtVerify(body.id_token!, jwks(), { ...verifyOptions(), currentDate: new Date((epoch() - 7200) * 1000) });
      expect(payload.sub).toBe('alice');
    });
  });

  describe('openid-client (enableNonRepudiationChecks, default 30 s tolerance)', () => {
    it('rejects −7200 s for exp and +300 s for nbf', async () => {
      await idp.faults.add({ kind: 'clock.skew', seconds: -7200 });
      const behind = await rejection((await careful()).tokens);
      expect(behind).toBeInstanceOf(client.ClientError);
      expect(behind).toMatchObject({
        code: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
        message: 'JWT timestamp claim value failed validation',
        cause: {
          message: 'unexpected JWT "exp" (expiration time) claim value, expiration is past current timestamp',
          cause: { claim: 'exp', tolerance: 30 },
        },
      });

      idp.faults.clear();
      await idp.faults.add({ kind: 'clock.skew', seconds: 300 });
      const ahead = await rejection((await careful()).tokens);
      expect(ahead).toBeInstanceOf(client.ClientError);
      expect(ahead).toMatchObject({
        code: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
        cause: { message: 'unexpected JWT "nbf" (not before) claim value', cause: { claim: 'nbf', tolerance: 30 } },
      });
    });

    it.each([30, -30])('accepts %i s: within its tolerance', async (seconds) => {
      const [fault] = await idp.faults.add({ kind: 'clock.skew', seconds });
      const { tokens, since } = await careful();
      const claims = (await tokens).claims()!;
      expect(claims.sub).toBe('alice');
      expect(claims.nbf).toBe(claims.iat);
      expect(Math.abs(claims.iat - (epoch() + seconds))).toBeLessThanOrEqual(2);
      expect(withFaults(idp.journal.entries(since))).toEqual([
        expect.objectContaining({ endpoint: 'token', faults: [{ id: fault!.id, kind: 'clock.skew', effect: expect.stringContaining(`shifted ${seconds > 0 ? '+' : ''}${seconds}s`) }] }),
      ]);
    });

    it('the provider accepts its own code and refresh token under the skew; a client told the offset (clockSkew) finishes', async () => {
      const [fault] = await idp.faults.add({ kind: 'clock.skew', seconds: -7200 });
      const { config, tokens, since } = await careful({ [client.clockSkew]: -7200 });
      const first = await tokens;
      expect(first.claims()!.sub).toBe('alice');
      expect(first.refresh_token).toBeTruthy();
      expect(await client.fetchUserInfo(config, first.access_token, 'alice')).toEqual({ sub: 'alice' });
      const refreshed = await client.refreshTokenGrant(config, first.refresh_token!);
      expect(refreshed.claims()!.iat).toBeLessThanOrEqual(epoch() - 7200);
      expect(refreshed.refresh_token).not.toBe(first.refresh_token);

      const token = idp.journal.entries(since).filter((e) => e.endpoint === 'token');
      expect(token.map((e) => [e.grantType, e.status, e.faults.map((f) => f.id)])).toEqual([
        ['authorization_code', 200, [fault!.id]],
        ['refresh_token', 200, [fault!.id]],
      ]);

      idp.faults.clear();
      const { tokens: cleanTokens } = await careful();
      const clean = (await cleanTokens).claims()!;
      expect(clean.nbf).toBeUndefined();
      expect(Math.abs(clean.iat - epoch())).toBeLessThanOrEqual(2);
    });
  });

  describe('introspection', () => {
    it('iat and exp are shifted by exactly `seconds`; cleared, the real values again', async () => {
      const tokens = await fetch(`${idp.issuer}/token`, { method: 'POST', headers: FORM, body: 'grant_type=client_credentials' }).then((r) => r.json() as Promise<{ access_token: string }>);
      const introspect = async () => {
        const res = await fetch(`${idp.issuer}/token/introspection`, { method: 'POST', headers: FORM, body: new URLSearchParams({ token: tokens.access_token }) });
        expect(res.status).toBe(200);
        return (await res.json()) as Record<string, unknown>;
      };
      const real = await introspect();
      expect(real).toMatchObject({ active: true, client_id: 'app', iat: expect.any(Number), exp: expect.any(Number) });

      const [fault] = await idp.faults.add({ kind: 'clock.skew', seconds: -7200 });
      const since = idp.journal.lastId;
      expect(await introspect()).toEqual({ ...real, iat: (real.iat as number) - 7200, exp: (real.exp as number) - 7200 });
      expect(withFaults(idp.journal.entries(since))).toEqual([
        expect.objectContaining({ endpoint: 'introspection', status: 200, faults: [{ id: fault!.id, kind: 'clock.skew', effect: 'introspection iat, exp shifted -7200s' }] }),
      ]);

      // An inactive token has no times to shift: the answer is untouched and nothing is recorded.
      const inactive = await fetch(`${idp.issuer}/token/introspection`, { method: 'POST', headers: FORM, body: 'token=nonsense' }).then((r) => r.json());
      expect(inactive).toEqual({ active: false });
      expect(idp.faults.list()).toEqual([expect.objectContaining({ applied: 1 })]);

      idp.faults.clear();
      expect(await introspect()).toEqual(real);
    });

    it('discovery and JWKS are not touched', async () => {
      const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
      await idp.faults.add({ kind: 'clock.skew', seconds: 300, when: { endpoint: ['token', 'introspection'] } });
      expect(await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()).toEqual(discovery);
      await expect(idp.faults.add({ kind: 'clock.skew', seconds: 300, when: { endpoint: 'jwks' } })).rejects.toMatchObject({
        code: 'AUTHFAULT_FAULT_INVALID',
        message: expect.stringContaining('clock.skew cannot apply at jwks'),
      });
    });
  });
});
