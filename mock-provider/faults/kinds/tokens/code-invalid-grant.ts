import { z } from 'zod';
import { defineKind } from '../../types.js';
import { answerWithOAuthError } from '../shared/oauth-error.js';

/**
 * code.invalid-grant — the authorization_code grant is refused with 400 invalid_grant.
 *
 * - The provider redeems the code first and the fault replaces its answer, so the code is spent, as
 *   it is when a real provider refuses an expired, reused or already-redeemed code; redeeming it again
 *   gets the provider's own invalid_grant (and revokes the grant).
 * - Other grants, and answers that were already errors, pass untouched.
 * - OAuth's error shape with Cache-Control: no-store (RFC 6749 §5.1, §5.2).
 */
const params = z.strictObject({
  description: z
    .string()
    .min(1)
    .default('authorization code is invalid, expired or already used (authfault code.invalid-grant fault)')
    .describe('The error_description to send.'),
});

export const codeInvalidGrant = defineKind({
  kind: 'code.invalid-grant',
  category: 'tokens',
  summary: 'The token endpoint refuses the authorization code with 400 {"error":"invalid_grant"}.',
  correctClient:
    'Fail this login with a clear error or start one fresh authorization request; never redeem the same code again and never loop between the callback and the login.',
  why: 'Codes expire within minutes and are single-use; users double-click, reload the callback and come back from a sleeping laptop. An app that retries the dead code, or restarts login automatically every time, loops between the provider and itself.',
  fix: 'openid-client 6: catch `ResponseBodyError` with `error === "invalid_grant"` from `authorizationCodeGrant`, clear the pending login state and show "sign-in expired, try again"; restart login at most once, and never on a reload of the same callback URL. express-openid-connect and passport surface it through the error handler: render an error page there instead of redirecting to login.',
  references: ['RFC 6749 §5.2', 'RFC 6749 §4.1.2', 'RFC 6749 §10.5', 'FC-CODE-REUSE', 'FC-CODE-EXPIRED'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, _tools, req) {
      if (req.grantType !== 'authorization_code' || res.status !== 200) return undefined;
      answerWithOAuthError(res, 400, 'invalid_grant', p.description);
      return 'answered 400 invalid_grant to the authorization_code grant (the code is spent)';
    },
  },
});
