import { z } from 'zod';
import { defineKind } from '../../types.js';
import { jwtTokenParam, resignClaims, show } from '../shared/jwt-token.js';

/**
 * token.wrong-issuer — a JWT whose iss is not the provider's issuer identifier.
 *
 * - Default: the real iss with "1" appended, as the OpenID conformance suite does; a near miss
 *   catches clients that compare by prefix or by host.
 * - Re-signed with the provider's own key: the signature verifies, only iss is wrong.
 */
const params = z.strictObject({
  token: jwtTokenParam,
  value: z.string().optional().describe('The iss to send instead; default: the real iss with "1" appended.'),
});

export const tokenWrongIssuer = defineKind({
  kind: 'token.wrong-issuer',
  category: 'tokens',
  summary: 'A JWT in the token response carries an iss other than the provider\'s issuer (default: iss + "1"), correctly signed.',
  correctClient: 'Compare iss exactly (character for character) with the issuer from discovery and refuse the token on any difference.',
  why: 'With several providers (or tenants of one) signing with keys a client trusts, a client that does not pin iss accepts a token one issuer minted as if another had — a mix-up that lets one tenant sign users into another.',
  fix: 'Check iss exactly: jose `jwtVerify(token, jwks, { issuer })`; openid-client 6 does it always; Spring Security validates `iss` against issuer-uri (JwtValidators.createDefaultWithIssuer); ASP.NET keeps `ValidateIssuer = true` (multi-tenant apps must set `ValidIssuers`, not turn it off); authlib `claims_options={"iss": {"essential": True, "value": issuer}}`.',
  references: [
    'OIDC Core §3.1.3.7 (2)',
    'RFC 7519 §4.1.1',
    'RFC 9700 §4.4 (mix-up)',
    'oidcc-client-test-invalid-iss (rp-id_token-issuer-mismatch)',
    'fapi1-advanced-final-client-test-invalid-iss',
  ],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      return resignClaims(res, p.token, tools, (payload) => {
        const original = payload.iss;
        payload.iss = p.value ?? `${String(original ?? '')}1`;
        return `iss ${show(payload.iss)} (was ${show(original)})`;
      });
    },
  },
});
