import { z } from 'zod';
import { defineKind } from '../../types.js';
import { oauthError } from '../shared/oauth-error.js';

/**
 * client.invalid — client authentication fails: 401 {"error":"invalid_client"} with
 * `WWW-Authenticate: Basic realm="<issuer>"`.
 *
 * - RFC 6749 §5.2 requires the 401 and the challenge when the client authenticated with the
 *   Authorization header (client_secret_basic, the default); it allows them for the other methods.
 * - Answered before the provider reads the request, so nothing is redeemed: a code stays usable.
 * - Also at introspection and revocation, which authenticate the client the same way (RFC 7662
 *   §2.3, RFC 7009 §2.2.1).
 */
const params = z.strictObject({
  description: z
    .string()
    .min(1)
    .default('client authentication failed (authfault client.invalid fault)')
    .describe('The error_description to send.'),
});

export const clientInvalid = defineKind({
  kind: 'client.invalid',
  category: 'credentials',
  summary: 'Client authentication fails: 401 {"error":"invalid_client"} with WWW-Authenticate: Basic realm="<issuer>".',
  correctClient:
    'Treat it as a configuration error (wrong, expired or rotated client secret, or the wrong authentication method): fail the login with a clear error, alert the operators, never retry in a loop and never log the secret.',
  why: 'Client secrets expire and get rotated; an app that retries invalid_client hammers the provider for every user, and one that dumps the failing request to a log to debug it leaks the secret.',
  fix: 'Surface it as an operator error, not a user one: with openid-client 6 the 401 arrives as `WWWAuthenticateChallengeError` (status 401, scheme "basic"; the JSON body is on `error.response`), a 400 invalid_client as `ResponseBodyError` — handle both; keep the secret and token_endpoint_auth_method in configuration and track secret expiry; redact Authorization headers and client_secret in logs.',
  references: ['RFC 6749 §5.2', 'RFC 6749 §2.3.1', 'RFC 7617 §2', 'FC-INVALID-CLIENT'],
  points: ['token', 'introspection', 'revocation'],
  defaultPoints: ['token'],
  params,
  hooks: {
    request(_req, p, _state, env) {
      return oauthError(401, 'invalid_client', p.description, { 'WWW-Authenticate': `Basic realm="${env.issuer}"` });
    },
  },
});
