import { z } from 'zod';
import { defineKind } from '../../types.js';
import { authorizationError } from '../shared/oauth-error.js';

/**
 * scope.invalid — the provider refuses the requested scope: the authorization response becomes
 * `error=invalid_scope`, as a provider answers a scope it does not know or the client may not ask for.
 *
 * - The code (and anything else the success carried) is removed; state and iss are kept.
 * - Category oauth-flow: a scope *requested* wrongly is a flow-configuration error (catalog 3),
 *   where scope.denied and scope.downgraded are about what was granted (catalog 8).
 */
const params = z.strictObject({
  description: z
    .string()
    .min(1)
    .default('The requested scope is invalid, unknown, or malformed (authfault scope.invalid).')
    .describe('error_description of the error response.'),
});

export const scopeInvalid = defineKind({
  kind: 'scope.invalid',
  category: 'oauth-flow',
  summary: 'The authorization ends in error=invalid_scope: the provider refuses the scope the client asked for.',
  correctClient:
    'Verify state (and iss), show an error that names a configuration problem, and do not retry the same request in a loop; for OIDC always request `openid` and only scopes the provider lists in scopes_supported.',
  references: ['RFC 6749 §4.1.2.1 (invalid_scope)', 'RFC 6749 §3.3', 'catalog FC-INVALID-SCOPE-REQUEST'],
  why: 'A scope the provider refuses usually means the app was configured for another provider or tenant; an app that retries or crashes hides the configuration error from the people who can fix it.',
  fix: 'Handle the error callback and log it as configuration: openid-client 6 throws `AuthorizationResponseError` with `.error === "invalid_scope"`; check the scopes you request (express-openid-connect `authorizationParams.scope`, Spring Security `spring.security.oauth2.client.registration.<id>.scope`, ASP.NET `options.Scope`, authlib `client_kwargs={"scope": …}`) against the provider\'s scopes_supported.',
  points: ['authorize'],
  defaultPoints: ['authorize'],
  params,
  hooks: {
    authorizationResponse(out, p) {
      return authorizationError(out, 'invalid_scope', p.description);
    },
  },
});
