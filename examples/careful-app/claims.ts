/**
 * The id_token checks openid-client leaves to the application, applied to every id_token it has
 * already validated (login and refresh):
 *
 * - iat no further in the future than the clock tolerance (OIDC Core §3.1.3.7 (10) lets a client
 *   reject tokens issued too far from the current time; openid-client accepts any future iat). A
 *   token from the future means a broken clock or a forged token.
 * - azp, when present, names this client (OIDC Core §3.1.3.7 (5)); openid-client looks at azp
 *   only when aud lists several audiences.
 */
import type * as client from 'openid-client';
import { Problem } from '../shared/problem.js';

/** openid-client's default clock tolerance, in seconds; the same slack for iat. */
export const CLOCK_TOLERANCE_S = 30;

export function checkClaims(claims: client.IDToken, clientId: string, now = Date.now()): void {
  if (claims.iat > now / 1000 + CLOCK_TOLERANCE_S) {
    const ahead = Math.round(claims.iat - now / 1000);
    throw new Problem('invalid', 'id-token-iat-future', `the id_token says it was issued ${ahead} s from now (iat); the provider's clock or the token is wrong`);
  }
  if (claims.azp !== undefined && claims.azp !== clientId) {
    throw new Problem('invalid', 'id-token-azp-mismatch', `the id_token was issued to "${String(claims.azp)}" (azp), not to this client`);
  }
}
