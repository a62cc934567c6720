import * as client from 'openid-client';
import request from 'supertest';
import { createMockProvider, type MockProviderHandle, type ProviderConfig } from '../../mock-provider/index.js';
import { loginThroughProvider } from '../helpers/http-login.js';

export const REDIRECT = 'http://127.0.0.1:9/callback';

export interface Setup {
  idp: MockProviderHandle;
  config: client.Configuration;
  /** supertest against the provider's origin: `api().get('/api/orders')`. */
  api: () => ReturnType<typeof request>;
}

/** A provider with one confidential client `app` (code flow, refresh, client_credentials) and openid-client configured for it. */
export async function setup(options: ProviderConfig = {}): Promise<Setup> {
  const idp = await createMockProvider({ clients: [{ client_id: 'app', client_secret: 'app-secret', redirect_uris: [REDIRECT] }], ...options });
  const config = await client.discovery(new URL(idp.issuer), 'app', 'app-secret', undefined, { execute: [client.allowInsecureRequests] });
  return { idp, config, api: () => request(idp.origin) };
}

/** An access token from client_credentials: a JWT for the API with `resource`, opaque without. */
export async function clientToken(config: client.Configuration, scope: string, resource?: string): Promise<string> {
  return (await client.clientCredentialsGrant(config, { scope, ...(resource ? { resource } : {}) })).access_token;
}

/** The tokens of a real code flow (PKCE, state) as `user`, through the provider's login page. */
export async function signIn(config: client.Configuration, user: string, scope: string, resource?: string) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...(resource ? { resource } : {}),
  });
  const callback = await loginThroughProvider(url.href, REDIRECT, user);
  return client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
}

/** The journal entries of the mock API since `since`. */
export function apiEntries(idp: MockProviderHandle, since = 0) {
  return idp.journal.entries(since).filter((e) => e.endpoint === 'api');
}
