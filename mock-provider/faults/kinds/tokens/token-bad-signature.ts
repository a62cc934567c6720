import { z } from 'zod';
import { defineKind } from '../../types.js';
import { jwtIn, jwtTokenParam } from '../shared/jwt-token.js';

/**
 * token.bad-signature — a JWT whose signature does not verify.
 *
 * - Header and payload stay exactly as the provider signed them; only the signature is corrupted,
 *   so the signature is the one thing a client can catch.
 * - The last byte of the decoded signature is inverted and the segment encoded again: still
 *   canonical base64url of the right length (oidctest sorts the segment's characters instead,
 *   which can leave non-canonical trailing bits that strict decoders refuse before verifying).
 * - OIDC Core §3.1.3.7 lets a client skip the signature check of an id_token it received directly
 *   from the token endpoint over TLS; openid-client 6 does so unless non-repudiation checks are on.
 */
const params = z.strictObject({ token: jwtTokenParam });

export const tokenBadSignature = defineKind({
  kind: 'token.bad-signature',
  category: 'tokens',
  summary: 'A JWT in the token response has a corrupted signature; header and claims are the provider\'s own.',
  correctClient:
    'Verify every JWT\'s signature against the provider\'s JWKS before trusting a claim, and refuse the token (and the login) when it does not verify. Skipping the check is allowed only for an id_token received directly from the token endpoint over TLS, and then the app must never pass that token on as proof to anything else.',
  why: 'A client that does not verify signatures trusts whoever can put a token in front of it: anything that reaches it other than straight from the token endpoint over TLS (a front-channel id_token, a token from a cache, a proxy, a log or another service) can carry claims the attacker chose.',
  fix: 'Verify with the JWKS: jose `jwtVerify(token, createRemoteJWKSet(jwksUri))`; openid-client 6 verifies token-endpoint id_tokens only after `client.enableNonRepudiationChecks(config)`; express-openid-connect and passport (openid-client) verify id_tokens; Spring Security uses NimbusJwtDecoder with the jwk-set-uri; ASP.NET keeps `TokenValidationParameters.ValidateIssuerSigningKey` on; authlib `parse_id_token` verifies with the server\'s JWKS.',
  references: [
    'OIDC Core §3.1.3.7 (6)',
    'RFC 7515 §5.2',
    'RFC 8725 §3.4',
    'oidcc-client-test-invalid-sig-rs256 (rp-id_token-bad-sig-rs256)',
    'fapi1-advanced-final-client-test-invalid-signature',
  ],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p) {
      const jwt = jwtIn(res, p.token);
      if (!jwt) return undefined;
      const [header, payload, signature] = jwt.split('.') as [string, string, string];
      const bytes = Buffer.from(signature, 'base64url');
      if (bytes.length === 0) return undefined;
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
      res.body[p.token] = `${header}.${payload}.${bytes.toString('base64url')}`;
      return `${p.token} signature corrupted (last byte inverted)`;
    },
  },
});
