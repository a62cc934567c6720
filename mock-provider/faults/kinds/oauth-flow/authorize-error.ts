import { z } from 'zod';
import { defineKind } from '../../types.js';
import { errorRedirect } from '../shared/error-redirect.js';

/**
 * authorize.error — the authorization request is answered at once with an error redirect
 * (RFC 6749 §4.1.2.1): the user never sees the login page.
 *
 * - Sent only to a redirect_uri registered for the client; otherwise the fault does nothing and
 *   the provider handles the request (never an open redirect). See ../shared/error-redirect.ts.
 * - Carries error, error_description, state and iss, in the request's response mode.
 * - Category oauth-flow: what is tested is the same for all five errors — the client handles an
 *   error authorization response (checks state and iss, shows the error, does not loop). The
 *   catalog files the causes apart (temporarily_unavailable under rate limits, server_error under
 *   connectivity, the prompt=none errors under permissions); rate-limit's `mode: redirect` covers
 *   the overload case under rate-limits.
 */
const params = z.strictObject({
  error: z
    .enum(['server_error', 'temporarily_unavailable', 'login_required', 'consent_required', 'interaction_required'])
    .describe('The error code of the authorization error response.'),
  description: z.string().min(1).optional().describe('error_description; default: a sentence naming the error and the fault.'),
});

const DESCRIPTIONS: Record<z.infer<typeof params>['error'], string> = {
  server_error: 'The authorization server encountered an unexpected condition',
  temporarily_unavailable: 'The authorization server is temporarily unable to handle the request',
  login_required: 'End-User authentication is required',
  consent_required: 'End-User consent is required',
  interaction_required: 'End-User interaction is required',
};

export const authorizeError = defineKind({
  kind: 'authorize.error',
  category: 'oauth-flow',
  summary: 'The authorization request is answered at once with an error redirect (server_error, temporarily_unavailable, login_required, consent_required or interaction_required).',
  correctClient:
    'Verify state (and iss) on the error callback, show a clear message (try again later for server_error and temporarily_unavailable), fall back to an interactive request after login_required/consent_required/interaction_required to a prompt=none request, and never redirect back automatically in a loop.',
  references: [
    'RFC 6749 §4.1.2.1',
    'OIDC Core §3.1.2.6 (login_required, consent_required, interaction_required)',
    'RFC 9207 §2 (iss in error responses)',
    'catalog FC-SERVER-ERROR, FC-TEMPORARILY-UNAVAILABLE, FC-PROMPT-NONE-REQUIRED',
  ],
  why: 'Error callbacks are rare in development and common in production (maintenance, overload, silent re-authentication with prompt=none); an app that crashes on them, or retries at once, turns a provider hiccup into an outage or an endless redirect loop.',
  fix: 'Handle error callbacks before looking for a code: openid-client 6 throws `AuthorizationResponseError` with `.error` (catch it; after a prompt=none login_required, start a normal login); express-openid-connect passes the error to your error handler; passport-openidconnect calls `this.error` (or the failure redirect for access_denied); Spring Security sends it to the authentication failure handler; ASP.NET Core raises `OnRemoteFailure`; authlib raises `OAuthError` from `authorize_access_token`.',
  points: ['authorize'],
  defaultPoints: ['authorize'],
  params,
  hooks: {
    request(req, p, _state, env) {
      return errorRedirect(req, env, p.error, p.description ?? `${DESCRIPTIONS[p.error]} (authfault authorize.error).`);
    },
  },
});
