/**
 * The careful app's OIDC client: openid-client 6 doing everything it offers, plus what it leaves
 * to the application.
 *
 * - Discovery again at the start of every login (as Auth.js does), so changed metadata and keys —
 *   a rotation, a withdrawn key — are picked up at once; refresh, userinfo, logout and the API use
 *   the latest. openid-client keeps the JWKS per configuration, so every login verifies against
 *   freshly fetched keys (its own re-fetch on an unknown kid waits a minute after the last
 *   download). The discovered issuer must equal OIDC_ISSUER.
 * - Code flow with PKCE S256; state and nonce are checked by openid-client.
 * - id_token signatures are verified against the JWKS (enableNonRepudiationChecks: openid-client
 *   would otherwise trust token-endpoint id_tokens on TLS alone), and the algorithm is pinned to
 *   RS256, the client's registered id_token_signed_response_alg: the JOSE header does not choose.
 * - Client authentication is client_secret_basic, said explicitly: openid-client's default for a
 *   client with a secret is client_secret_post.
 * - Clock tolerance is openid-client's default, 30 s.
 * - Every request goes through retryAfterFetch: Retry-After on 429 honoured, bounded attempts,
 *   a 5 s timeout per attempt.
 * - A refreshed id_token must name the same user (OIDC Core §12.2); openid-client does not check.
 * - iat must not lie in the future and azp, when present, must be this client (claims.ts).
 * - Plain http is allowed only for a loopback issuer (the harness runs the provider there).
 * - The protected API is called through api.ts: one shared refresh on 401, none on 403.
 */
import * as client from 'openid-client';
import type { Claims, OidcAdapter, TokenSet } from '../shared/adapter.js';
import type { AppEnv } from '../shared/env.js';
import type { Log } from '../shared/log.js';
import { Problem } from '../shared/problem.js';
import { DEFAULT_RETRY_POLICY, retryAfterFetch } from '../shared/retry-fetch.js';
import { carefulCallApi } from './api.js';
import { checkClaims } from './claims.js';
import { explain, httpStatus } from './explain.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function createCarefulAdapter(env: AppEnv, log: Log): OidcAdapter {
  const execute = [client.enableNonRepudiationChecks];
  if (env.issuer.protocol === 'http:' && LOOPBACK.has(env.issuer.hostname)) execute.push(client.allowInsecureRequests);

  let discovered: Promise<client.Configuration> | undefined;
  /** A fresh discovery, kept for the requests that follow; forgotten again if it fails. */
  const discover = (): Promise<client.Configuration> => {
    const attempt: Promise<client.Configuration> = client
      .discovery(
        env.issuer,
        env.clientId,
        { client_secret: env.clientSecret, id_token_signed_response_alg: 'RS256' },
        client.ClientSecretBasic(env.clientSecret),
        { execute, timeout: DEFAULT_RETRY_POLICY.attemptTimeoutMs / 1000, [client.customFetch]: retryAfterFetch(log) },
      )
      .catch((err: unknown) => {
        if (discovered === attempt) discovered = undefined;
        throw err;
      });
    discovered = attempt;
    return attempt;
  };
  const configuration = (): Promise<client.Configuration> => discovered ?? discover();

  const adapter: OidcAdapter = {
    refreshOnRejectedToken: true,
    explain,
    callApi: (session, method, path) => callApi(session, method, path),

    async startLogin(loginHint) {
      const config = await discover();
      const transaction = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: env.redirectUri,
        scope: env.scope,
        state: transaction.state,
        nonce: transaction.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: 'S256',
        ...(loginHint !== undefined && { login_hint: loginHint }),
      });
      return { url, transaction };
    },

    async finishLogin(callbackUrl, transaction) {
      const response = await client.authorizationCodeGrant(await configuration(), callbackUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      const claims = response.claims()!;
      checkClaims(claims, env.clientId);
      return { claims: { ...claims }, tokens: tokenSet(response) };
    },

    async refresh(refreshToken, previous, sub) {
      const response = await client.refreshTokenGrant(await configuration(), refreshToken);
      const claims = response.claims();
      if (claims !== undefined) checkClaims(claims, env.clientId);
      if (claims !== undefined && claims.sub !== sub) {
        throw new Problem('invalid', 'refresh-sub-mismatch', `the refreshed id_token is for "${claims.sub}", not the signed-in user "${sub}"`);
      }
      return { tokens: tokenSet(response, previous), ...(claims !== undefined && { claims: { ...claims } }) };
    },

    async userinfo(accessToken, sub): Promise<Claims> {
      const config = await configuration();
      try {
        return { ...(await client.fetchUserInfo(config, accessToken, sub)) };
      } catch (err) {
        if (httpStatus(err) === 401) {
          throw new Problem('token-rejected', 'access-token-rejected', 'userinfo rejected the access token (HTTP 401)', { cause: err });
        }
        throw err;
      }
    },

    async endSessionUrl(idToken) {
      const config = await configuration();
      if (config.serverMetadata().end_session_endpoint === undefined) return undefined;
      return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: env.postLogoutRedirectUri });
    },
  };
  const callApi = carefulCallApi(env, log, configuration, () => adapter);
  return adapter;
}

/** A refresh response may omit the refresh token (no rotation) and the id_token: keep the old ones. */
function tokenSet(response: client.TokenEndpointResponse, previous?: TokenSet): TokenSet {
  const idToken = response.id_token ?? previous?.idToken;
  if (idToken === undefined) throw new Problem('invalid', 'no-id-token', 'the token response carries no id_token');
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  return {
    accessToken: response.access_token,
    idToken,
    ...(refreshToken !== undefined && { refreshToken }),
    ...(response.expires_in !== undefined && { expiresAt: Date.now() + response.expires_in * 1000 }),
  };
}
