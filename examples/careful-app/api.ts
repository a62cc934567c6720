/**
 * The careful app's calls to the protected API, through openid-client's fetchProtectedResource.
 *
 * - An access token about to expire is refreshed before the call (shared/session-tokens.ts).
 * - 401 invalid_token: one refresh, shared by every call that failed with the same token (single
 *   flight: a burst of failures costs the provider one refresh grant), then one retry; a second
 *   401 ends the session. Never a loop.
 * - 403 (insufficient_scope, or a role): no refresh and no retry — a refreshed token carries the
 *   same scope and roles (RFC 6749 §6); the page says what is missing and the session stays.
 * - 429: the configuration's customFetch (retryAfterFetch) waits out Retry-After, bounded.
 */
import * as client from 'openid-client';
import type { OidcAdapter } from '../shared/adapter.js';
import { apiJson, apiProblem, apiTransportProblem, apiUrl, refusalOf, type ApiRefusal } from '../shared/api-problems.js';
import type { AppEnv } from '../shared/env.js';
import type { Log } from '../shared/log.js';
import { Problem } from '../shared/problem.js';
import { isExpired, refreshIf } from '../shared/session-tokens.js';

export function carefulCallApi(env: AppEnv, log: Log, configuration: () => Promise<client.Configuration>, adapter: () => OidcAdapter): OidcAdapter['callApi'] {
  const call = async (token: string, method: string, url: URL): Promise<unknown> => {
    let response: Response;
    try {
      response = await client.fetchProtectedResource(await configuration(), token, url, method);
    } catch (err) {
      if (err instanceof client.WWWAuthenticateChallengeError) throw apiProblem(challengeRefusal(err));
      throw apiTransportProblem(err) ?? err;
    }
    if (!response.ok) throw apiProblem(await refusalOf(response));
    return apiJson(response);
  };

  return async (session, method, path) => {
    const url = apiUrl(env.apiUrl, path);
    await refreshIf(session, adapter(), (tokens) => isExpired(tokens));
    const used = session.tokens.accessToken;
    try {
      return await call(used, method, url);
    } catch (err) {
      if (!(err instanceof Problem) || err.kind !== 'token-rejected') throw err;
      log.note(`${method} ${url.pathname}: ${err.message}; refreshing once (shared with any other call that failed) and retrying`);
      await refreshIf(session, adapter(), (tokens) => tokens.accessToken === used);
      return call(session.tokens.accessToken, method, url);
    }
  };
}

/** The Bearer challenge's error, description and scope; a 403 without one still carries its body. */
function challengeRefusal(err: client.WWWAuthenticateChallengeError): ApiRefusal {
  const bearer = err.cause.find((c) => c.scheme === 'bearer') ?? err.cause[0];
  const p = bearer?.parameters ?? {};
  return {
    status: err.status,
    ...(p.error !== undefined && { error: p.error }),
    ...(p.error_description !== undefined && { description: p.error_description }),
    ...(p.scope !== undefined && { scope: p.scope }),
  };
}
