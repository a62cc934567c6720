/**
 * The naive app's errors, turned into the shared Problem kinds (see shared/problem.ts). Its own
 * code throws Problems already; what is left comes from jose and from the transport.
 */
import { errors } from 'jose';
import { Problem, transportProblem } from '../shared/problem.js';

export function explain(err: unknown): Problem {
  if (err instanceof Problem) return err;
  const transport = transportProblem(err);
  if (transport !== undefined) return transport;
  if (err instanceof errors.JWKSTimeout) {
    return new Problem('unavailable', 'timeout', 'the identity provider did not answer in time', { cause: err });
  }
  if (err instanceof errors.JWTClaimValidationFailed || err instanceof errors.JWTExpired) {
    const code = err.reason === 'missing' ? `id-token-${err.claim}-missing` : `id-token-${err.claim}-mismatch`;
    return new Problem('invalid', code, `id_token rejected: ${err.message}`, { cause: err });
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) {
    return new Problem('invalid', 'id-token-bad-signature', 'id_token rejected: signature verification failed', { cause: err });
  }
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) {
    return new Problem('invalid', 'signing-key-not-found', `id_token rejected: ${err.message}`, { cause: err });
  }
  if (err instanceof errors.JOSEError) {
    return new Problem('invalid', err.code.replace(/^ERR_/, '').toLowerCase().replaceAll('_', '-'), `id_token rejected: ${err.message}`, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new Problem('invalid', 'unexpected-error', message, { cause: err });
}
