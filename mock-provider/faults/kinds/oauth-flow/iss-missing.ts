import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * iss.missing — the authorization response leaves out the iss parameter (RFC 9207) although the
 * provider advertises `authorization_response_iss_parameter_supported: true`.
 *
 * - Only successful responses that carry iss are changed (oidc-provider adds it to every response
 *   without an id_token or JARM).
 */
const params = z.strictObject({});

export const issMissing = defineKind({
  kind: 'iss.missing',
  category: 'oauth-flow',
  summary: 'The authorization response comes back without iss, although the provider\'s metadata promises it.',
  correctClient:
    'When discovery says `authorization_response_iss_parameter_supported: true`, require iss in every authorization response and refuse one without it.',
  references: ['RFC 9207 §2.4', 'RFC 9700 §4.4 (mix-up)', 'fapi2-security-profile-final-client-test-remove-authorization-response-iss'],
  why: 'Removing iss is the simplest way around the mix-up defence: a client that checks iss only when it is there accepts a response from a provider that left it out on purpose.',
  fix: 'Treat a missing iss as an error when the provider advertises it: openid-client 6 throws `response parameter "iss" (issuer) missing`; with other libraries check `authorization_response_iss_parameter_supported` from discovery and require iss yourself.',
  points: ['authorize'],
  defaultPoints: ['authorize'],
  params,
  hooks: {
    authorizationResponse(out) {
      if (typeof out.iss !== 'string') return undefined;
      delete out.iss;
      return 'iss removed from the authorization response';
    },
  },
});
