import { z } from 'zod';
import { defineKind, type KeyPair } from '../../types.js';
import { jwtIn, jwtTokenParam } from '../shared/jwt-token.js';

/**
 * token.foreign-key — a JWT signed correctly, but by a key the provider does not publish.
 *
 * - The header keeps the provider's kid and alg, so a client finds the provider's key by kid and
 *   only the signature check itself can tell the difference (an attacker who forges a token
 *   copies the real kid too).
 * - The foreign key is generated once per fault (kept in the fault's state), so every token the
 *   fault touches is signed by the same impostor.
 */
const params = z.strictObject({ token: jwtTokenParam });

export const tokenForeignKey = defineKind({
  kind: 'token.foreign-key',
  category: 'tokens',
  summary: 'A JWT in the token response is validly signed by a key that is not in the provider\'s JWKS, under the provider\'s kid.',
  correctClient:
    'Verify the signature with the key the JWKS publishes for that kid, and refuse the token when it does not verify; a matching kid proves nothing.',
  why: 'This is what a forged token looks like: correct claims, a plausible header, a real signature by the wrong key. A client that checks only the kid, or that takes the key from the token itself (jwk/x5c/jku headers), accepts it.',
  fix: 'Take keys only from the provider\'s jwks_uri and verify: jose `jwtVerify(token, createRemoteJWKSet(jwksUri))` (never `EmbeddedJWK` for provider tokens); openid-client 6 with `client.enableNonRepudiationChecks(config)`; Spring Security NimbusJwtDecoder `withJwkSetUri`; ASP.NET takes keys from the metadata (`ValidateIssuerSigningKey = true`); authlib verifies with the server\'s JWKS.',
  references: ['OIDC Core §3.1.3.7 (6)', 'OIDC Core §10.1.1', 'RFC 7515 §10.7', 'RFC 8725 §3.10'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools, _req, state) {
      const jwt = jwtIn(res, p.token);
      if (!jwt) return undefined;
      const kid = tools.signingKey().jwk.kid;
      // A promise, so concurrent token responses share one impostor key.
      state.key ??= tools.generateKey(kid);
      const key = await (state.key as Promise<KeyPair>);
      res.body[p.token] = await tools.resign(jwt, () => {}, { key });
      return `${p.token} re-signed by a foreign RS256 key under the provider's kid "${kid}"`;
    },
  },
});
