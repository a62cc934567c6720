import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { loginThroughProvider } from '../helpers/http-login.js';

const REDIRECT = 'http://127.0.0.1:9/callback';

describe('mock provider: real openid-client flows', () => {
  let idp: MockProviderHandle;
  let config: client.Configuration;

  beforeAll(async () => {
    idp = await createMockProvider({
      clients: [{ client_id: 'app', client_secret: 'app-secret', redirect_uris: [REDIRECT] }],
    });
    config = await client.discovery(new URL(idp.issuer), 'app', 'app-secret', undefined, { execute: [client.allowInsecureRequests] });
  });
  afterAll(() => idp.close());

  it('serves discovery at {issuer}/.well-known/openid-configuration', () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(idp.issuer);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
  });

  it('completes client_credentials', async () => {
    const tokens = await client.clientCredentialsGrant(config);
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.token_type).toBe('bearer');
  });

  it('completes authorization code + PKCE, userinfo, refresh with rotation', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile email offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const callback = await loginThroughProvider(url.href, REDIRECT, 'alice');
    client.enableNonRepudiationChecks(config);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe('alice');
    expect(claims.email).toBe('alice@example.com');
    expect(tokens.refresh_token).toBeTruthy();
    const info = await client.fetchUserInfo(config, tokens.access_token, 'alice');
    expect(info.name).toBe('Alice Example');
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    const entries = idp.journal.entries();
    const token = entries.filter((e) => e.endpoint === 'token');
    expect(token.map((e) => e.grantType)).toEqual(['client_credentials', 'authorization_code', 'refresh_token']);
    const authorize = entries.find((e) => e.endpoint === 'authorize' && e.params?.code_challenge_method);
    expect(authorize?.params).toMatchObject({ code_challenge_method: 'S256', state: true, nonce: true, redirect_uri: REDIRECT });
  });

  it('journals each code and refresh token by fingerprint: what was issued, what was presented, the same one twice', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const since = idp.journal.lastId;
    const callback = await loginThroughProvider(url.href, REDIRECT, 'alice');
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier });
    await client.refreshTokenGrant(config, tokens.refresh_token!);
    // The provider then revokes what the code gave (RFC 6749 §4.1.2), so the refresh came first.
    await expect(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier })).rejects.toMatchObject({ error: 'invalid_grant' });

    const [first, refresh, replay] = idp.journal.entries(since).filter((e) => e.endpoint === 'token');
    expect(first!.presented!.code).toMatch(/^[0-9a-f]{12}$/);
    expect(replay!.presented).toEqual(first!.presented);
    expect(first!.issued).toEqual({ access_token: true, id_token: true, refresh_token: expect.stringMatching(/^[0-9a-f]{12}$/), expires_in: 3600 });
    expect(replay!.issued).toBeUndefined();
    expect(refresh!.presented).toEqual({ refresh_token: first!.issued!.refresh_token });
    expect(refresh!.issued!.refresh_token).not.toBe(first!.issued!.refresh_token);
    // Fingerprints, never the values.
    expect(JSON.stringify(idp.journal.entries(since))).not.toContain(tokens.refresh_token!);
  });
});
