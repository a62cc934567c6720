import { z } from 'zod';
import { defineKind } from '../../types.js';
import { jwtTokenParam, resignClaims } from '../shared/jwt-token.js';

/**
 * token.iat-future — a JWT that says it was issued in the future.
 *
 * - iat = now + by_s; exp is moved by the same amount, so the token is not also short-lived
 *   (its lifetime stays what the provider gave it). Re-signed with the provider's own key.
 * - A time fault (the catalog files iat/exp/nbf under clock), unlike a skewed provider clock it
 *   touches only this one claim.
 */
const params = z.strictObject({
  token: jwtTokenParam,
  by_s: z.int().min(1).default(3600).describe('How many seconds in the future iat lies.'),
});

export const tokenIatFuture = defineKind({
  kind: 'token.iat-future',
  category: 'clock',
  summary: 'A JWT in the token response has iat in the future (default: an hour), correctly signed.',
  correctClient:
    'Refuse a token issued further in the future than the clock tolerance allows (a minute or so); a small difference is clock skew and must be accepted.',
  why: 'A future iat means the provider\'s clock (or the token) is wrong; a client that ignores iat also cannot limit how old a token may be, so tokens minted for later use or replayed long after pass.',
  fix: 'Bound the token age: jose `jwtVerify(token, jwks, { maxTokenAge: \'10 min\', clockTolerance: 60 })` refuses a future iat (without maxTokenAge jose checks only that iat is a number); openid-client 6 does not check a future iat — check `claims().iat <= now + tolerance` yourself; Spring Security\'s OidcIdTokenValidator refuses iat in the future beyond its clockSkew; ASP.NET: validate iat in `OnTokenValidated`; authlib: `claims_options={"iat": {"validate": ...}}` or its `leeway` check.',
  references: ['OIDC Core §3.1.3.7 (10)', 'RFC 7519 §4.1.6', 'FC-IAT-IN-FUTURE', 'fapi1-advanced-final-client-test-iat-is-week-in-past (the past counterpart)'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      return resignClaims(res, p.token, tools, (payload) => {
        const now = tools.epoch();
        const { iat, exp } = payload;
        const lifetime = typeof exp === 'number' && typeof iat === 'number' ? exp - iat : undefined;
        payload.iat = now + p.by_s;
        if (lifetime !== undefined) payload.exp = now + p.by_s + lifetime;
        return `iat ${p.by_s}s in the future`;
      });
    },
  },
});
