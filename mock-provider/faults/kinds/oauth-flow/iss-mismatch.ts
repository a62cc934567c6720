import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * iss.mismatch — the authorization response's iss parameter (RFC 9207) names another issuer.
 *
 * - The default is the real issuer with "1" appended, as the OpenID conformance suite does.
 * - Only successful responses with iss are changed; the provider advertises
 *   `authorization_response_iss_parameter_supported: true`, so a client that knows RFC 9207
 *   compares iss with the issuer it sent the request to.
 */
const params = z.strictObject({
  value: z.string().min(1).optional().describe('The iss to send instead; default: the real issuer with "1" appended.'),
});

export const issMismatch = defineKind({
  kind: 'iss.mismatch',
  category: 'oauth-flow',
  summary: 'The authorization response carries an iss parameter that is not the issuer the request was sent to (mix-up).',
  correctClient:
    'Compare iss with the issuer the authorization request went to (remembered per request) and refuse the callback on any difference, before redeeming the code.',
  references: ['RFC 9207 §2.4', 'RFC 9700 §4.4 (mix-up)', 'fapi2-security-profile-final-client-test-invalid-authorization-response-iss'],
  why: 'In a mix-up attack a malicious provider the app also trusts makes the app send a code issued by the honest provider to the attacker; the iss parameter is how the client notices which provider really answered.',
  fix: 'Check iss against the expected issuer: openid-client 6 does it in `authorizationCodeGrant` whenever iss is present (`unexpected "iss" (issuer) response parameter value`); where your library does not (many only check the id_token\'s iss, which comes too late: the code is already sent), compare `params.iss === issuer` in the callback before the token request.',
  points: ['authorize'],
  defaultPoints: ['authorize'],
  params,
  hooks: {
    authorizationResponse(out, p) {
      if (typeof out.iss !== 'string') return undefined;
      const original = out.iss;
      out.iss = p.value ?? `${original}1`;
      return `iss "${original}" replaced by "${out.iss}"`;
    },
  },
});
