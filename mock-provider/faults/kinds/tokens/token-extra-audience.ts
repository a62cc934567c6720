import { z } from 'zod';
import { defineKind } from '../../types.js';
import { resignClaims, show } from '../shared/jwt-token.js';

/**
 * token.extra-audience — an id_token addressed to the client and to a party it does not trust,
 * with no azp saying which of them it was issued for.
 *
 * - aud becomes [client_id, extra]; azp is removed. Re-signed with the provider's own key.
 * - id_token only: azp and the "untrusted audience" rule are OIDC Core's, for id_tokens.
 * - The positive control (aud as a one-element array) is not this fault: that must be accepted.
 */
const params = z.strictObject({
  extra: z.string().min(1).default('authfault-untrusted-client').describe('The additional audience, a client the app does not trust.'),
});

export const tokenExtraAudience = defineKind({
  kind: 'token.extra-audience',
  category: 'tokens',
  summary: 'The id_token\'s aud is [client_id, an untrusted client] with no azp, correctly signed.',
  correctClient:
    'Refuse an id_token whose aud lists audiences the client does not trust, and one with several audiences but no azp naming the client (OIDC Core §3.1.3.7 rules 3 and 4).',
  why: 'An id_token that is also valid for another client can be replayed by that client (or whoever runs it) to sign the user in here; the extra audience is the tell.',
  fix: 'openid-client 6 refuses it always ("additional untrusted audiences"). jose has no such rule: after `jwtVerify(token, jwks, { audience: clientId })`, also check that aud is a string or a one-element array, or that azp equals your client_id. Spring Security: add an OAuth2TokenValidator that rejects extra audiences; ASP.NET: a custom `AudienceValidator`; authlib `claims_options` with a validator on aud and azp.',
  references: [
    'OIDC Core §3.1.3.7 (3), (4), (5)',
    'fapi1-advanced-final-client-test-invalid-secondary-aud',
    'fapi2-security-profile-final-client-test-invalid-secondary-aud',
  ],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      return resignClaims(res, 'id_token', tools, (payload) => {
        const original = payload.aud;
        const own = Array.isArray(original) ? original[0] : original;
        if (typeof own !== 'string') return undefined;
        payload.aud = [own, p.extra];
        delete payload.azp;
        return `aud ${show(payload.aud)} and no azp (was ${show(original)})`;
      });
    },
  },
});
