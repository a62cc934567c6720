import { z } from 'zod';
import { defineKind } from '../../types.js';
import { oauthError } from '../shared/oauth-error.js';

/**
 * client.unauthorized — the token endpoint answers 400 {"error":"unauthorized_client"}: the client
 * authenticated but may not use this grant type.
 *
 * - Answered before the provider reads the request, so nothing is redeemed.
 */
const params = z.strictObject({
  description: z
    .string()
    .min(1)
    .default('the client is not authorized to use this grant type (authfault client.unauthorized fault)')
    .describe('The error_description to send.'),
});

export const clientUnauthorized = defineKind({
  kind: 'client.unauthorized',
  category: 'credentials',
  summary: 'The token endpoint answers 400 {"error":"unauthorized_client"}: the client may not use this grant type.',
  correctClient: 'Show a configuration error and stop; retrying cannot help until the client registration changes.',
  why: 'A client registration that lost a grant type (refresh_token, client_credentials) after a change at the provider breaks silently in apps that retry or treat every token error as "sign in again", which loops.',
  fix: 'openid-client 6: `ResponseBodyError` with `error === "unauthorized_client"` — report it as a deployment problem and stop; check the grant types enabled for the client at the provider (Keycloak: the client\'s "Authentication flow" switches; Okta: the app\'s "Grant type" boxes).',
  references: ['RFC 6749 §5.2', 'RFC 6749 §4.1.2.1', 'FC-UNAUTHORIZED-CLIENT'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    request(_req, p) {
      return oauthError(400, 'unauthorized_client', p.description);
    },
  },
});
