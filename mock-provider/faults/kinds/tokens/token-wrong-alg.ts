import { importJWK } from 'jose';
import { z } from 'zod';
import { defineKind, type KeyPair } from '../../types.js';
import { jwtIn, jwtTokenParam } from '../shared/jwt-token.js';

/**
 * token.wrong-alg — a JWT signed correctly, but with an algorithm the client did not agree to.
 *
 * - HS256 (default): an HMAC keyed with the client's own secret — the classic algorithm
 *   confusion. A client that lets the header pick the algorithm and keys an HMAC with the
 *   secret, or with the provider's public key bytes, accepts it.
 * - RS384 / PS256: signed with the provider's own RSA key under the same kid, where the client
 *   expects RS256 (the FAPI "alternate alg" test): the key is right, the algorithm is not.
 * - A client without a secret (public client) gets nothing for HS256: there is no key to confuse.
 */
const params = z.strictObject({
  token: jwtTokenParam,
  alg: z
    .enum(['HS256', 'RS384', 'PS256'])
    .default('HS256')
    .describe('The algorithm to sign with: HS256 keyed with the client secret, or RS384/PS256 with the provider\'s RSA key.'),
});

export const tokenWrongAlg = defineKind({
  kind: 'token.wrong-alg',
  category: 'tokens',
  summary: 'A JWT in the token response is signed with another algorithm than the one agreed (HS256 with the client secret, or RS384/PS256 with the provider\'s key).',
  correctClient:
    'Verify with the algorithm the client registered (id_token_signed_response_alg, RS256 by default), not with the one the header names, and refuse anything else. Letting the header choose is dangerous: with HS256 the "key" becomes whatever the verifier has at hand — the client secret, which other parties may hold, or the provider\'s public key bytes, which everyone has — so anyone who knows it can mint tokens.',
  why: 'Algorithm confusion (RFC 8725 §2.1): a verifier that takes alg from the token can be made to check an HMAC keyed with public or shared material, and then accepts tokens an attacker wrote. Accepting RS384/PS256 where RS256 was agreed shows the same flaw before it becomes exploitable; jose without `algorithms` refuses them only because this provider\'s JWKS entry carries alg RS256 — against a JWKS whose keys have no alg it verifies any RSA algorithm the header names.',
  fix: 'Pin the algorithm: jose `jwtVerify(token, jwks, { algorithms: [\'RS256\'] })`; openid-client 6 checks `id_token_signed_response_alg` (set it in the client metadata if not RS256); Spring Security NimbusJwtDecoder `.jwsAlgorithm(SignatureAlgorithm.RS256)`; ASP.NET `TokenValidationParameters.ValidAlgorithms = ["RS256"]`; authlib: pass `claims_options` and the server\'s JWKS, and allow only RS256 in `JsonWebToken([\'RS256\'])`.',
  references: [
    'RFC 8725 §2.1, §3.1',
    'RFC 7515 §10.7',
    'OIDC Core §3.1.3.7 (7), (8)',
    'fapi1-advanced-final-client-test-invalid-alternate-alg',
    'fapi2-security-profile-final-client-test-invalid-alternate-alg',
    'oidcc-client-test-rp-backchannel-rpinitlogout-wrong-alg (the same fault on the logout token)',
  ],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools, req, state) {
      const jwt = jwtIn(res, p.token);
      if (!jwt) return undefined;
      if (p.alg === 'HS256') {
        const secret = tools.clientSecret(req.clientId);
        if (!secret) return undefined;
        res.body[p.token] = await tools.resign(jwt, () => {}, { hmacSecret: secret });
        return `${p.token} re-signed with HS256 keyed with the client secret of ${req.clientId}`;
      }
      const own = tools.signingKey();
      if (own.jwk.kty !== 'RSA') return undefined;
      const keys = (state.keys ??= new Map<string, Promise<KeyPair>>()) as Map<string, Promise<KeyPair>>;
      if (!keys.has(p.alg)) keys.set(p.alg, rsaKeyFor(own, p.alg));
      res.body[p.token] = await tools.resign(jwt, () => {}, { key: await keys.get(p.alg)! });
      return `${p.token} re-signed with ${p.alg} by the provider's key "${own.jwk.kid}" (RS256 expected)`;
    },
  },
});

/** The provider's own RSA key, imported for another RSA algorithm (a CryptoKey is bound to one). */
async function rsaKeyFor(own: KeyPair, alg: string): Promise<KeyPair> {
  const jwk = { ...own.jwk, alg };
  return { jwk, privateKey: await importJWK(jwk, alg), publicJwk: { ...own.publicJwk, alg } };
}
