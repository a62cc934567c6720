import { z } from 'zod';
import { defineKind } from '../../types.js';
import { jwtIn, jwtTokenParam } from '../shared/jwt-token.js';

/**
 * token.unknown-kid — a JWT whose header names a key id the JWKS does not hold.
 *
 * - Signed with the provider's own key (so a client that ignores kid and tries every key would
 *   verify it); only header.kid changes.
 * - A correct client re-fetches the JWKS once (the provider may have rotated keys), finds no such
 *   key and refuses; it must not fall back to "any key" or to a key inside the token.
 */
const params = z.strictObject({
  token: jwtTokenParam,
  kid: z.string().min(1).optional().describe('The kid to put in the header; default: the provider\'s kid with "-unknown" appended.'),
});

export const tokenUnknownKid = defineKind({
  kind: 'token.unknown-kid',
  category: 'tokens',
  summary: 'A JWT in the token response names a kid that is not in the provider\'s JWKS (signed by the provider\'s own key).',
  correctClient:
    'On an unknown kid, re-fetch the JWKS once (rate-limited), and refuse the token if the kid is still not there; never pick a key the header did not name, and never use a key carried in the token.',
  why: 'Clients that fall back to "try any key" or "use the jwk/jku/x5u in the header" on an unknown kid let an attacker choose the verification key. Clients that re-fetch the JWKS on every unknown kid can be driven to hammer the provider.',
  fix: 'Select keys by kid from the jwks_uri only: jose `createRemoteJWKSet` re-fetches once (cooldown 30 s) and then throws ERR_JWKS_NO_MATCHING_KEY; openid-client 6 with `client.enableNonRepudiationChecks(config)`; Spring Security NimbusJwtDecoder (`jwkSetUri`) and ASP.NET\'s metadata refresh behave the same; authlib: fetch the JWKS again on a missing kid, then fail.',
  references: ['OIDC Core §10.1.1', 'RFC 7515 §4.1.4', 'RFC 8725 §3.10', 'oidcc-client-test-signing-key-rotation (contrast: a rotated key that is published)'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      const jwt = jwtIn(res, p.token);
      if (!jwt) return undefined;
      const kid = p.kid ?? `${tools.signingKey().jwk.kid}-unknown`;
      res.body[p.token] = await tools.resign(jwt, (_payload, header) => {
        header.kid = kid;
      });
      return `${p.token} re-signed with header kid "${kid}", which the JWKS does not hold`;
    },
  },
});
