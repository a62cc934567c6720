/**
 * The naive app's OIDC client, written by hand with fetch and jose. It does what the careful app
 * does (code flow with state, nonce and PKCE S256, signed id_tokens, Retry-After honoured on
 * discovery, JWKS and userinfo, timeouts, refresh) except for the flaws listed in FLAWS.md.
 *
 * Two documented flaws live here: FLAWS.md #1, the returned state is never compared, and #11, a
 * userinfo 403 signs the user out. The others are in id-token.ts (#2, #9), token-request.ts (#3,
 * #8, #10), server.ts (#4) and api.ts (#5, #6, #7: calling the protected API).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OidcAdapter, TokenSet } from '../shared/adapter.js';
import type { AppEnv } from '../shared/env.js';
import type { Log } from '../shared/log.js';
import { Problem } from '../shared/problem.js';
import { retryAfterFetch } from '../shared/retry-fetch.js';
import { lazyDiscovery } from './discovery.js';
import { explain } from './explain.js';
import { naiveCallApi } from './api.js';
import { jsonObject, statusProblem } from './http.js';
import { verifyIdToken } from './id-token.js';
import { tokenRequest, type TokenResponse } from './token-request.js';

const DENIALS = new Set(['access_denied', 'login_required', 'consent_required', 'interaction_required', 'account_selection_required']);
const OUTAGES = new Set(['server_error', 'temporarily_unavailable']);

export function createNaiveAdapter(env: AppEnv, log: Log): OidcAdapter {
  const fetch = retryAfterFetch(log);
  const discovery = lazyDiscovery(env, fetch);
  const provider = discovery.current;

  const adapter: OidcAdapter = {
    refreshOnRejectedToken: false,
    explain,
    callApi: (session, method, path) => callApi(session, method, path),

    async startLogin(loginHint) {
      const { metadata } = await discovery.fresh();
      const transaction = { state: random(), nonce: random(), codeVerifier: random() };
      const url = new URL(metadata.authorization_endpoint);
      const params = {
        response_type: 'code',
        client_id: env.clientId,
        redirect_uri: env.redirectUri,
        scope: env.scope,
        state: transaction.state,
        nonce: transaction.nonce,
        code_challenge: createHash('sha256').update(transaction.codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
        ...(loginHint !== undefined && { login_hint: loginHint }),
      };
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return { url, transaction };
    },

    async finishLogin(callbackUrl, transaction) {
      const current = await provider();
      const response = callbackUrl.searchParams;
      // RFC 9207: the response says which issuer sent it; a mix-up shows here.
      const iss = single(response, 'iss');
      if (iss === undefined && current.metadata.authorization_response_iss_parameter_supported === true) {
        throw new Problem('invalid', 'iss-missing', 'the authorization response has no "iss", though the provider promises one');
      }
      if (iss !== undefined && iss !== current.metadata.issuer) {
        throw new Problem('invalid', 'iss-mismatch', `the authorization response's "iss" is "${iss}", not "${current.metadata.issuer}"`);
      }
      // FLAW #1 (scenario state-tampered): transaction.state is never compared with the `state`
      // that came back, so a forged or swapped callback (login CSRF) is redeemed. The fix: refuse
      // unless single(response, 'state') === transaction.state, before anything else is done.
      const error = single(response, 'error');
      if (error !== undefined) {
        const said = `the identity provider returned "${error}"${response.get('error_description') ? `: ${response.get('error_description')}` : ''}`;
        const kind = DENIALS.has(error) ? 'denied' : OUTAGES.has(error) ? 'unavailable' : 'invalid';
        throw new Problem(kind, `authorization-${error.replaceAll('_', '-')}`, said);
      }
      const code = single(response, 'code');
      if (code === undefined) throw new Problem('invalid', 'code-missing', 'the authorization response carries no code');

      const tokens = await tokenRequest(current, env, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: env.redirectUri,
        code_verifier: transaction.codeVerifier,
      }, log);
      if (tokens.id_token === undefined) throw new Problem('invalid', 'no-id-token', 'the token response carries no id_token');
      const claims = await verifyIdToken(tokens.id_token, current, env.clientId, transaction.nonce);
      return { claims, tokens: tokenSet(tokens) };
    },

    async refresh(refreshToken, previous, sub) {
      const current = await provider();
      const tokens = await tokenRequest(current, env, { grant_type: 'refresh_token', refresh_token: refreshToken }, log);
      if (tokens.id_token === undefined) return { tokens: tokenSet(tokens, previous) };
      const claims = await verifyIdToken(tokens.id_token, current, env.clientId, undefined);
      if (claims.sub !== sub) {
        throw new Problem('invalid', 'refresh-sub-mismatch', `the refreshed id_token is for "${String(claims.sub)}", not the signed-in user "${sub}"`);
      }
      return { tokens: tokenSet(tokens, previous), claims };
    },

    async userinfo(accessToken, sub) {
      const { metadata } = await provider();
      const where = 'userinfo endpoint';
      if (metadata.userinfo_endpoint === undefined) throw new Problem('invalid', 'no-userinfo-endpoint', 'the provider lists no userinfo_endpoint');
      const response = await fetch(metadata.userinfo_endpoint, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
        redirect: 'manual',
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        // FLAW #11 (scenario userinfo-insufficient-scope): a 403 is read like a 401, as a dead
        // token, so the session ends and the user is signed out. But 403 insufficient_scope says
        // the token is fine and merely does not reach this resource (RFC 6750 §3.1). The fix:
        // throw a 'forbidden' Problem for 403, which keeps the session.
        if (response.status === 401 || response.status === 403) {
          throw new Problem('token-rejected', 'access-token-rejected', `userinfo rejected the access token (HTTP ${response.status})`);
        }
        throw statusProblem(response.status, where);
      }
      const claims = await jsonObject(response, where);
      if (claims.sub !== sub) {
        throw new Problem('invalid', 'userinfo-sub-mismatch', `userinfo describes "${String(claims.sub)}", not the signed-in user "${sub}"`);
      }
      return claims;
    },

    async endSessionUrl(idToken) {
      const { metadata } = await provider();
      if (metadata.end_session_endpoint === undefined) return undefined;
      const url = new URL(metadata.end_session_endpoint);
      url.searchParams.set('id_token_hint', idToken);
      url.searchParams.set('post_logout_redirect_uri', env.postLogoutRedirectUri);
      url.searchParams.set('client_id', env.clientId);
      return url;
    },
  };
  const callApi = naiveCallApi(env, log, () => adapter);
  return adapter;
}

/** A parameter that must appear at most once: a repeated one is as suspect as a wrong one. */
function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new Problem('invalid', 'repeated-parameter', `the authorization response repeats "${name}"`);
  return values[0];
}

function random(): string {
  return randomBytes(32).toString('base64url');
}

/** A refresh response may omit the refresh token (no rotation) and the id_token: keep the old ones. */
function tokenSet(response: TokenResponse, previous?: TokenSet): TokenSet {
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
