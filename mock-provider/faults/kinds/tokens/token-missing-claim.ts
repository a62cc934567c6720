import { z } from 'zod';
import { defineKind } from '../../types.js';
import { jwtTokenParam, resignClaims } from '../shared/jwt-token.js';

/**
 * token.missing-claim — a JWT without one of the claims OIDC Core makes required.
 *
 * - The claim is removed and the token re-signed with the provider's own key, so its absence is
 *   the only fault.
 * - nonce exists only in id_tokens (and only when the request carried one); a token without the
 *   claim is left alone, since there is nothing to remove.
 */
const params = z.strictObject({
  token: jwtTokenParam,
  claim: z.enum(['iss', 'sub', 'aud', 'exp', 'iat', 'nonce']).describe('The required claim to remove.'),
});

export const tokenMissingClaim = defineKind({
  kind: 'token.missing-claim',
  category: 'tokens',
  summary: 'A JWT in the token response lacks a required claim (iss, sub, aud, exp, iat or nonce), correctly signed.',
  correctClient:
    'Treat iss, sub, aud, exp and iat as required in every id_token (and nonce when one was sent) and refuse a token without them; a missing claim is not a passed check.',
  why: 'Checks written as "if the claim is there, compare it" pass when the claim is absent: no exp means a token that never expires, no aud a token for anyone, no nonce a replayable one, no sub no user at all.',
  fix: 'Require the claims: jose `jwtVerify(token, jwks, { issuer, audience, requiredClaims: [\'iss\', \'sub\', \'aud\', \'exp\', \'iat\'] })` (jose checks a claim it was not told to require only when present); openid-client 6 requires them for id_tokens (nonce when `expectedNonce` is passed); Spring Security\'s OidcIdTokenValidator requires iss, sub, aud, exp, iat; ASP.NET `RequireExpirationTime = true`; authlib `claims_options` with `essential: True` for each.',
  references: [
    'OIDC Core §2 (ID Token: REQUIRED claims)',
    'OIDC Core §3.1.3.7',
    'oidcc-client-test-missing-sub (rp-id_token-sub)',
    'oidcc-client-test-missing-iat (rp-id_token-iat)',
    'oidcc-client-test-missing-aud',
    'fapi1-advanced-final-client-test-invalid-missing-iss',
    'fapi1-advanced-final-client-test-invalid-missing-exp',
    'fapi1-advanced-final-client-test-invalid-missing-nonce',
  ],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      return resignClaims(res, p.token, tools, (payload) => {
        if (!(p.claim in payload)) return undefined;
        delete payload[p.claim];
        return `no ${p.claim} claim`;
      });
    },
  },
});
