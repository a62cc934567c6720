import { z } from 'zod';
import { defineKind } from '../../types.js';
import { jwtTokenParam, resignClaims, show } from '../shared/jwt-token.js';

/**
 * token.claims — set and drop arbitrary claims of a JWT, re-signed with the provider's own key.
 *
 * - The escape hatch for claim faults no named kind covers (a wrong sub on refresh, an
 *   unexpected azp, an odd acr, a claim of the wrong type).
 * - `drop` runs before `set`, so a claim named in both ends up set.
 * - With neither `set` nor `drop` the fault changes nothing and is not recorded as applied.
 */
const params = z.strictObject({
  token: jwtTokenParam,
  set: z.record(z.string(), z.unknown()).default({}).describe('Claims to set (added or replaced), as JSON values.'),
  drop: z.array(z.string().min(1)).default([]).describe('Names of claims to remove.'),
});

export const tokenClaims = defineKind({
  kind: 'token.claims',
  category: 'tokens',
  summary: 'Sets and removes any claims of a JWT in the token response, re-signed with the provider\'s key.',
  correctClient:
    'Validate the claims the app relies on — values, types and presence — against what it expects for this login, and refuse the token when one is wrong.',
  why: 'Apps read more than the standard claims (roles, tenant, email_verified, acr); a claim of an unexpected value or type that passes unchecked becomes a privilege the provider never granted.',
  fix: 'Check what you use: jose `jwtVerify(token, jwks, { issuer, audience, requiredClaims })` plus explicit checks of your own claims; openid-client 6 validates the standard ones, the rest is yours; Spring Security: an OAuth2TokenValidator per claim; ASP.NET: validate in `OnTokenValidated`; authlib `claims_options` with `validate` functions.',
  references: ['OIDC Core §2', 'OIDC Core §3.1.3.7', 'RFC 7519 §4', 'oidcc-client-test-refresh-token-invalid-sub', 'oidcc-client-test-refresh-token-invalid-azp'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      const setNames = Object.keys(p.set);
      if (setNames.length === 0 && p.drop.length === 0) return undefined;
      return resignClaims(res, p.token, tools, (payload) => {
        for (const name of p.drop) delete payload[name];
        Object.assign(payload, p.set);
        const parts = [];
        if (setNames.length > 0) parts.push(`set ${setNames.map((n) => `${n}=${show(p.set[n])}`).join(', ')}`);
        if (p.drop.length > 0) parts.push(`dropped ${p.drop.join(', ')}`);
        return `claims ${parts.join('; ')}`;
      });
    },
  },
});
