import { z } from 'zod';
import { defineKind } from '../../types.js';
import { jwtIn, jwtTokenParam } from '../shared/jwt-token.js';

/**
 * token.alg-none — an unsecured JWT: header alg "none" and an empty signature segment.
 *
 * - Claims are the provider's own, so only the missing signature is wrong.
 * - The client registered (by default) RS256 for id_tokens, so "none" is never acceptable here,
 *   although OIDC Core lets a provider issue alg none from the token endpoint to a client that
 *   registered it (the oidcc idtoken-sig-none test accepts either outcome for that case).
 */
const params = z.strictObject({ token: jwtTokenParam });

export const tokenAlgNone = defineKind({
  kind: 'token.alg-none',
  category: 'tokens',
  summary: 'A JWT in the token response is unsigned: alg "none" and an empty signature.',
  correctClient:
    'Refuse any JWT whose alg is not the one agreed for the client (RS256 unless registered otherwise); "none" must never pass where a signature was expected.',
  why: 'alg "none" is the oldest JWT attack: a library that lets the token\'s header choose the algorithm accepts a token anyone can write, with any subject.',
  fix: 'Pin the algorithms: jose `jwtVerify(token, jwks, { algorithms: [\'RS256\'] })` (jose never verifies "none" with a key); openid-client 6 checks the alg against `id_token_signed_response_alg`; Spring Security NimbusJwtDecoder `jwsAlgorithm(RS256)`; ASP.NET `TokenValidationParameters.ValidAlgorithms`; authlib: decode with `JsonWebToken([\'RS256\'])` and the provider\'s key set, so no other algorithm is even considered.',
  references: [
    'RFC 7519 §6',
    'RFC 8725 §2.1, §3.1',
    'OIDC Core §3.1.3.7 (7)',
    'fapi1-advanced-final-client-test-invalid-null-alg',
    'fapi2-security-profile-final-client-test-invalid-null-alg',
    'oidcc-client-test-idtoken-sig-none (rp-id_token-sig-none)',
  ],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      const jwt = jwtIn(res, p.token);
      if (!jwt) return undefined;
      res.body[p.token] = await tools.resign(jwt, () => {}, { unsigned: true });
      return `${p.token} made unsigned (alg "none", empty signature)`;
    },
  },
});
