import * as client from 'openid-client';

/** An authorization request as a careful client builds it, with the values it must keep to finish. */
export interface AuthorizationRequest {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

/**
 * Build an authorization code request with PKCE (S256), state and nonce, the way openid-client
 * does for an app; `params` adds or overrides parameters (`state: undefined` leaves state out).
 */
export async function authorizationRequest(
  issuer: string,
  clientId: string,
  redirectUri: string,
  params: Record<string, string | undefined> = {},
): Promise<AuthorizationRequest> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = new URL(`${issuer}/auth`);
  const all: Record<string, string | undefined> = {
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) url.searchParams.set(name, value);
  return { url, verifier, state: all.state ?? '', nonce: all.nonce ?? '' };
}

/** openid-client's Configuration for a client of a local (http) provider. */
export function discover(issuer: string, clientId: string, secret?: string): Promise<client.Configuration> {
  return client.discovery(new URL(issuer), clientId, secret, secret ? undefined : client.None(), { execute: [client.allowInsecureRequests] });
}
