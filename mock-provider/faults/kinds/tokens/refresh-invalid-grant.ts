import { z } from 'zod';
import { defineKind } from '../../types.js';
import { answerWithOAuthError } from '../shared/oauth-error.js';

/**
 * refresh.invalid-grant — the refresh_token grant is refused with 400 invalid_grant, as real
 * providers answer for an expired, revoked or replayed refresh token.
 *
 * - The provider handles the refresh first and the fault replaces its answer, so the refresh token
 *   is spent (it rotates on use); sending it again gets the provider's own invalid_grant.
 * - Other grants, and answers that were already errors, pass untouched.
 * - OAuth's error shape with Cache-Control: no-store (RFC 6749 §5.1, §5.2).
 */
const params = z.strictObject({
  description: z
    .string()
    .min(1)
    .default('refresh token is invalid, expired or revoked (authfault refresh.invalid-grant fault)')
    .describe('The error_description to send.'),
});

export const refreshInvalidGrant = defineKind({
  kind: 'refresh.invalid-grant',
  category: 'tokens',
  summary: 'The token endpoint refuses the refresh token with 400 {"error":"invalid_grant"}.',
  correctClient:
    'Stop using that refresh token, drop the stored tokens and send the user through login again (or show "signed out"); never retry the same refresh token in a loop.',
  why: 'Refresh tokens die all the time (expiry, logout elsewhere, password change, admin revocation, rotation replay detection). An app that retries floods the provider and never recovers; one that ignores the error keeps a session whose API calls all fail.',
  fix: 'openid-client 6: catch `ResponseBodyError` with `error === "invalid_grant"` from `refreshTokenGrant`, destroy the session and redirect to login; express-openid-connect: catch the error of `req.oidc.accessToken.refresh()` and call `res.oidc.login()`; Spring Security removes the authorized client on invalid_grant (RemoveAuthorizedClientOAuth2AuthorizationFailureHandler) so the next request re-authorizes; authlib: catch `OAuthError` with `error == "invalid_grant"` and clear the stored token.',
  references: ['RFC 6749 §5.2', 'RFC 6749 §6', 'RFC 9700 §4.14', 'FC-REFRESH-INVALID-GRANT'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, _tools, req) {
      if (req.grantType !== 'refresh_token' || res.status !== 200) return undefined;
      answerWithOAuthError(res, 400, 'invalid_grant', p.description);
      return 'answered 400 invalid_grant to the refresh_token grant (the refresh token is spent)';
    },
  },
});
