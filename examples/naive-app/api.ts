/**
 * The naive app's calls to the protected API, by hand with fetch: the Bearer header, a 5 s
 * timeout, and the API's refusals read as the careful app reads them (shared/api-problems.ts).
 *
 * Three documented flaws live here, all in how it recovers:
 * - FLAW #5: each call that gets a 401 refreshes on its own; there is no single flight, so a
 *   burst of calls failing together sends a stampede of refresh grants for one session.
 * - FLAW #6: a 403 is lumped with 401 as "the token did not work": refresh, retry, and when the
 *   API still refuses, end the session — a missing scope or role signs the user out.
 * - FLAW #7: a 429 is retried at once, ignoring Retry-After, up to MAX_RATE_LIMIT_RETRIES times
 *   (the cap exists only so that a test run cannot spin forever; it is not a retry policy).
 */
import type { OidcAdapter } from '../shared/adapter.js';
import { apiJson, apiProblem, apiTransportProblem, apiUrl, refusalOf } from '../shared/api-problems.js';
import type { AppEnv } from '../shared/env.js';
import type { Log } from '../shared/log.js';
import { Problem } from '../shared/problem.js';
import { DEFAULT_RETRY_POLICY } from '../shared/retry-fetch.js';
import { isExpired, refreshIf } from '../shared/session-tokens.js';

const MAX_RATE_LIMIT_RETRIES = 10;

export function naiveCallApi(env: AppEnv, log: Log, adapter: () => OidcAdapter): OidcAdapter['callApi'] {
  return async (session, method, path) => {
    const url = apiUrl(env.apiUrl, path);
    await refreshIf(session, adapter(), (tokens) => isExpired(tokens));
    let refreshed = false;
    let rateLimitRetries = 0;
    for (;;) {
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: { authorization: `Bearer ${session.tokens.accessToken}`, accept: 'application/json' },
          signal: AbortSignal.timeout(DEFAULT_RETRY_POLICY.attemptTimeoutMs),
        });
      } catch (err) {
        throw apiTransportProblem(err) ?? err;
      }
      if (response.ok) return apiJson(response);
      // FLAW #7 (scenario api-rate-limit-orders): a 429 is retried immediately, ignoring
      // Retry-After. The fix: send API calls through retryAfterFetch (shared/retry-fetch.ts).
      if (response.status === 429 && rateLimitRetries < MAX_RATE_LIMIT_RETRIES) {
        rateLimitRetries++;
        await response.body?.cancel();
        log.note(`429 from ${method} ${url.pathname}; retrying at once (retry ${rateLimitRetries}/${MAX_RATE_LIMIT_RETRIES})`);
        continue;
      }
      // FLAW #6 (scenarios api-insufficient-scope-no-refresh, api-forbidden-no-refresh): a 403 is
      // lumped with 401, so it is refreshed and retried (a refresh cannot add scope or roles) and
      // then ends the session. The fix: `if (response.status === 403) throw apiProblem(...)` at
      // once, which keeps the session and says what is missing.
      const unauthorized = response.status === 401 || response.status === 403;
      const refusal = await refusalOf(response);
      if (unauthorized && !refreshed) {
        refreshed = true;
        log.note(`${method} ${url.pathname} answered ${refusal.status}${refusal.error ? ` ${refusal.error}` : ''}; refreshing and retrying`);
        await refreshOnItsOwn(session, adapter());
        continue;
      }
      if (unauthorized) {
        const said = refusal.description ? `: ${refusal.description}` : '';
        throw new Problem('token-rejected', 'api-token-rejected', `the API refused the access token (HTTP ${refusal.status}${refusal.error ? ` ${refusal.error}` : ''})${said}`);
      }
      throw apiProblem(refusal);
    }
  };
}

/**
 * FLAW #5 (scenario api-burst-single-refresh): the refresh grant is sent for this call alone, even
 * when other calls of the same session are refreshing at the same moment, so N failures make N
 * refresh grants with one refresh token; with rotation all but one are reuse, and the provider
 * revokes the grant. The fix: `refreshIf(session, adapter, (t) => t.accessToken === rejected)`
 * (shared/session-tokens.ts), which lets concurrent calls share the refresh in flight.
 */
async function refreshOnItsOwn(session: Parameters<OidcAdapter['callApi']>[0], adapter: OidcAdapter): Promise<void> {
  const refreshToken = session.tokens.refreshToken;
  if (refreshToken === undefined) throw new Problem('denied', 'no-refresh-token', 'the API rejected the access token and the provider issued no refresh token');
  const refreshed = await adapter.refresh(refreshToken, session.tokens, session.sub);
  session.tokens = refreshed.tokens;
  if (refreshed.claims !== undefined) session.claims = { ...session.claims, ...refreshed.claims };
}
