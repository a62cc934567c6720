import type { Effect, MutableResponse, RequestAction } from '../../types.js';

/**
 * OAuth's error answers, written once for every kind that gives one, so a faulted answer looks like
 * the provider's own.
 *
 * - The body is the error shape (RFC 6749 §5.2): `error` and `error_description`.
 * - Never cached: Cache-Control: no-store and Pragma: no-cache, as the token endpoint sends them.
 * - An authorization response keeps state and iss, as RFC 6749 §4.1.2.1 and RFC 9207 require of an
 *   error response, so a careful client can still check them before showing the error.
 */
const NEVER_CACHED = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** A request answered with an OAuth error instead of reaching the provider. */
export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): RequestAction {
  return { type: 'respond', status, headers: { ...headers, ...NEVER_CACHED }, body: { error, error_description: description } };
}

/** A response of the provider's, turned into an OAuth error. */
export function answerWithOAuthError(res: MutableResponse, status: number, error: string, description: string): void {
  res.status = status;
  res.body = { error, error_description: description };
  Object.assign(res.headers, NEVER_CACHED);
}

/** A successful authorization response turned into an error response: the code (and the rest) removed, state and iss kept. */
export function authorizationError(out: Record<string, unknown>, error: string, description: string): Effect {
  for (const name of Object.keys(out)) if (name !== 'state' && name !== 'iss') delete out[name];
  out.error = error;
  out.error_description = description;
  return `authorization answered error=${error} instead of a code`;
}
