import { z } from 'zod';
import { defineKind } from '../../types.js';
import { jwtTokenParam, resignClaims, show } from '../shared/jwt-token.js';

/**
 * token.wrong-audience — a JWT issued to someone else.
 *
 * - Default: the real aud with "1" appended (for an id_token that is client_id + "1", as the
 *   conformance suite does); an array aud becomes that one string.
 * - Re-signed with the provider's own key: the signature verifies, only aud is wrong.
 */
const params = z.strictObject({
  token: jwtTokenParam,
  value: z.string().optional().describe('The aud to send instead; default: the real aud (the client_id, for an id_token) with "1" appended.'),
});

export const tokenWrongAudience = defineKind({
  kind: 'token.wrong-audience',
  category: 'tokens',
  summary: 'A JWT in the token response is addressed to another audience (default: aud + "1"), correctly signed.',
  correctClient: 'Refuse an id_token whose aud does not contain the client\'s own client_id (an API refuses an access token whose aud is not the API).',
  why: 'A token minted for another client of the same provider — a less trusted app, or one an attacker registered — would otherwise sign the user in here: token substitution across clients.',
  fix: 'Check aud: jose `jwtVerify(token, jwks, { audience: clientId })`; openid-client 6 does it always; Spring Security adds a JwtClaimValidator for aud (resource servers: `audiences` in spring.security.oauth2.resourceserver.jwt); ASP.NET `ValidateAudience = true` with `ValidAudience`; authlib `claims_options={"aud": {"essential": True, "value": client_id}}`.',
  references: ['OIDC Core §3.1.3.7 (3)', 'RFC 7519 §4.1.3', 'oidcc-client-test-invalid-aud (rp-id_token-aud)', 'fapi1-advanced-final-client-test-invalid-aud'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      return resignClaims(res, p.token, tools, (payload) => {
        const original = payload.aud;
        const first = Array.isArray(original) ? original[0] : original;
        payload.aud = p.value ?? `${String(first ?? '')}1`;
        return `aud ${show(payload.aud)} (was ${show(original)})`;
      });
    },
  },
});
