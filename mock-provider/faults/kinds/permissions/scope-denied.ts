import { z } from 'zod';
import { defineKind } from '../../types.js';
import { authorizationError } from '../shared/oauth-error.js';

/**
 * scope.denied — the user (or the provider's policy) refuses the authorization: the response
 * becomes `error=access_denied` after the user has signed in, as when a consent page is declined.
 *
 * - The code (and anything else the success carried) is removed; state and iss are kept, as
 *   RFC 6749 §4.1.2.1 and RFC 9207 require of an error response, so a careful client can still
 *   check them before showing the error.
 * - The code oidc-provider already issued is never delivered, so it cannot be redeemed.
 * - Category permissions: the catalog files granted/denied scope under 8, not flow configuration.
 */
const params = z.strictObject({
  description: z
    .string()
    .min(1)
    .default('The resource owner denied the request (authfault scope.denied).')
    .describe('error_description of the error response.'),
});

export const scopeDenied = defineKind({
  kind: 'scope.denied',
  category: 'permissions',
  summary: 'The authorization ends in error=access_denied (the user declined, or policy refused) instead of a code.',
  correctClient:
    'Verify state (and iss), then show a clear "access was not granted" page without crashing, keep no half-made session, and do not send the user straight back to the provider in a loop.',
  references: ['RFC 6749 §4.1.2.1 (access_denied)', 'OIDC Core §3.1.2.6', 'catalog FC-ACCESS-DENIED'],
  why: 'Declining consent is an ordinary user choice; an app that crashes on it, or bounces the user back to the provider, locks the user out or spins in a redirect loop.',
  fix: 'Handle the error callback: openid-client 6 throws `AuthorizationResponseError` with `.error === "access_denied"` from `authorizationCodeGrant` (catch it and render a page); express-openid-connect passes it to your error handler; passport calls the failure redirect; Spring Security sends it to the failure handler (`/login?error`); ASP.NET Core raises `OnAccessDenied` and sends the user to `AccessDeniedPath` (set one).',
  points: ['authorize'],
  defaultPoints: ['authorize'],
  params,
  hooks: {
    authorizationResponse(out, p) {
      return authorizationError(out, 'access_denied', p.description);
    },
  },
});
