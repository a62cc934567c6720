import { z } from 'zod';
import { defineKind } from '../../types.js';
import { marker } from '../shared/api-credentials.js';

/**
 * api.insufficient-scope — the mock API answers 403 `Bearer error="insufficient_scope",
 * scope="…"` to a call whose token is genuine, naming the scope the route needs.
 *
 * - `scope` defaults to the scopes the route requires (or "admin" when it requires none).
 * - Applies to Bearer tokens and API keys alike; it acts on every matching call, so limit it with
 *   the envelope (`times`, `nth`, `route`).
 */
const params = z.strictObject({
  scope: z.string().min(1).optional().describe('The scope the 403 names as needed; default: the route\'s required scopes, or "admin" when it requires none.'),
});

export const apiInsufficientScope = defineKind({
  kind: 'api.insufficient-scope',
  category: 'permissions',
  summary: 'The protected API answers 403 with WWW-Authenticate: Bearer error="insufficient_scope" and the scope the route needs.',
  correctClient:
    'Keep the session and do not refresh (a refresh cannot add scope, RFC 6749 §6) nor retry the same call; show "not allowed", or start a new authorization request for the scope the challenge names.',
  why: 'An app that treats 403 like 401 refreshes and retries in a loop — the refreshed token has exactly the same scope — hammering the provider and the API, or signs the user out for something signing in again cannot fix.',
  fix: 'Branch on the status and the challenge: 401 invalid_token → refresh once; 403 insufficient_scope → no refresh, no retry; show a forbidden page or send the user to the authorization endpoint with the `scope` from the challenge. openid-client 6: `WWWAuthenticateChallengeError` with `error.status === 403` and `error.cause[0].parameters.scope`.',
  references: ['RFC 6750 §3.1 (insufficient_scope)', 'RFC 6749 §6 (a refresh cannot widen scope)', 'RFC 9110 §15.5.4 (403: do not repeat with the same credentials)', 'FC-INSUFFICIENT-SCOPE-403'],
  points: ['api'],
  defaultPoints: ['api'],
  params,
  hooks: {
    api(call, p) {
      const scope = p.scope ?? (call.requires.scopes.length > 0 ? call.requires.scopes.join(' ') : 'admin');
      return {
        error: 'insufficient_scope',
        scope,
        description: `this route requires scope "${scope}", which the ${call.credential.kind === 'api-key' ? 'API key' : 'access token'} does not carry ${marker('api.insufficient-scope')}`,
      };
    },
  },
});
