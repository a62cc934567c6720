import { z } from 'zod';
import { defineKind } from '../../types.js';
import { oauthError } from '../shared/oauth-error.js';

/**
 * grant.unsupported — the token endpoint answers 400 {"error":"unsupported_grant_type"}.
 *
 * - Answered before the provider reads the request, so nothing is redeemed.
 */
const params = z.strictObject({
  description: z
    .string()
    .min(1)
    .default('the grant type is not supported by the authorization server (authfault grant.unsupported fault)')
    .describe('The error_description to send.'),
});

export const grantUnsupported = defineKind({
  kind: 'grant.unsupported',
  category: 'credentials',
  summary: 'The token endpoint answers 400 {"error":"unsupported_grant_type"}.',
  correctClient: 'Show a configuration error and stop; do not retry, and do not fall back to a weaker grant.',
  why: 'It means the app and the provider disagree on the flow (a grant turned off at the provider, a typo in grant_type); retrying loops, and "falling back" to another grant is how apps end up on implicit or password grants.',
  fix: 'openid-client 6: `ResponseBodyError` with `error === "unsupported_grant_type"` — report it as a deployment problem and stop; compare the grant with `grant_types_supported` in the discovery document at startup.',
  references: ['RFC 6749 §5.2', 'RFC 8414 §2 (grant_types_supported)', 'FC-UNSUPPORTED-GRANT-TYPE'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    request(_req, p) {
      return oauthError(400, 'unsupported_grant_type', p.description);
    },
  },
});
