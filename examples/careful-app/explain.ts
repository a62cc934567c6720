/**
 * openid-client's errors, turned into the shared Problem kinds (see shared/problem.ts).
 *
 * openid-client wraps oauth4webapi's errors in a ClientError with a generic message and the
 * specific one in `cause`; the specific one is what a developer reading the page or the log needs.
 */
import * as client from 'openid-client';
import { Problem, transportProblem } from '../shared/problem.js';

/** Authorization errors that mean "the user or the provider said no", not "something broke". */
const DENIALS = new Set(['access_denied', 'login_required', 'consent_required', 'interaction_required', 'account_selection_required']);
const OUTAGES = new Set(['server_error', 'temporarily_unavailable']);

export function explain(err: unknown): Problem {
  if (err instanceof Problem) return err;
  const transport = transportProblem(err);
  if (transport !== undefined) return transport;

  if (err instanceof client.AuthorizationResponseError) {
    const said = `the identity provider returned "${err.error}"${err.error_description ? `: ${err.error_description}` : ''}`;
    const kind = DENIALS.has(err.error) ? 'denied' : OUTAGES.has(err.error) ? 'unavailable' : 'invalid';
    return new Problem(kind, `authorization-${err.error.replaceAll('_', '-')}`, said, { cause: err });
  }

  const status = httpStatus(err);
  if (status === 429) {
    return new Problem('unavailable', 'rate-limited', 'the identity provider is rate limiting (HTTP 429); try again later', { cause: err });
  }
  if (status !== undefined && status >= 500) {
    return new Problem('unavailable', 'provider-error', `the identity provider answered HTTP ${status}`, { cause: err });
  }
  if (status === 403 && !(err instanceof client.ResponseBodyError)) {
    return new Problem('forbidden', 'insufficient-scope', 'the identity provider refused access to the profile (HTTP 403)', { cause: err });
  }
  if (err instanceof client.ResponseBodyError) {
    const said = `the identity provider returned "${err.error}"${err.error_description ? `: ${err.error_description}` : ''}`;
    return new Problem(err.error === 'invalid_grant' ? 'denied' : 'invalid', err.error.replaceAll('_', '-'), said, { cause: err });
  }

  if (err instanceof client.ClientError) {
    const detail = err.cause instanceof Error ? err.cause : err;
    return new Problem('invalid', clientErrorCode(err.code, detail), detail.message, { cause: err });
  }
  if (status !== undefined) {
    return new Problem('invalid', 'unexpected-status', `the identity provider answered HTTP ${status}`, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new Problem('invalid', 'unexpected-error', message, { cause: err });
}

/** The HTTP status behind an error: on the error itself, or the Response openid-client keeps as cause. */
export function httpStatus(err: unknown): number | undefined {
  if (err instanceof client.ResponseBodyError || err instanceof client.WWWAuthenticateChallengeError) return err.status;
  if (err instanceof client.ClientError && err.cause instanceof Response) return err.cause.status;
  return undefined;
}

/** oauth4webapi gives these checks one code and no attribute, only distinct messages. */
const INVALID_RESPONSE_CODES: Readonly<Record<string, string>> = Object.freeze({
  'unexpected "state" response parameter value': 'state-mismatch',
  'response parameter "state" missing': 'state-missing',
  'unexpected "iss" (issuer) response parameter value': 'iss-mismatch',
  'response parameter "iss" (issuer) missing': 'iss-missing',
  'JWT signature verification failed': 'id-token-bad-signature',
});

/** Stable, short codes for the checks a fault scenario is most likely to trip. */
function clientErrorCode(code: string | undefined, detail: Error): string {
  const about = detail.cause as { claim?: string; attribute?: string } | undefined;
  const claim = about?.claim ?? about?.attribute;
  switch (code) {
    case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
      return `${claim ?? 'attribute'}-mismatch`;
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      return `id-token-${claim ?? 'claim'}-mismatch`;
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return claim === 'exp' ? 'id-token-expired' : `id-token-${claim ?? 'timestamp'}-invalid`;
    case 'OAUTH_KEY_SELECTION_FAILED':
      return 'signing-key-not-found';
    case 'OAUTH_INVALID_RESPONSE':
      return INVALID_RESPONSE_CODES[detail.message] ?? 'invalid-response';
    default:
      return (code ?? 'OAUTH_ERROR').replace(/^OAUTH_/, '').toLowerCase().replaceAll('_', '-');
  }
}
