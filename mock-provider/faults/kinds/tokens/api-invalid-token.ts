import { z } from 'zod';
import { defineKind } from '../../types.js';
import { isBearer, marker, picked, tokensParam } from '../shared/api-credentials.js';

/**
 * api.invalid-token — the mock API refuses a genuine access token as invalid: 401 with
 * `WWW-Authenticate: Bearer error="invalid_token"` and a description that says why.
 *
 * - `reason` chooses the description: revoked, bad signature, wrong audience, or unknown token,
 *   worded as the API words its own refusals.
 * - Sticks to the first `tokens` distinct tokens (default 1): a refresh brings a token that is
 *   served, as after a real revocation; `tokens: all` refuses every token, for "does the app stop?".
 * - Bearer tokens only; an API key call is left alone.
 */
const params = z.strictObject({
  reason: z
    .enum(['revoked', 'bad-signature', 'wrong-audience', 'unknown'])
    .default('revoked')
    .describe('What the error_description says is wrong with the token.'),
  tokens: tokensParam,
});

const WHY: Record<z.infer<typeof params>['reason'], string> = {
  revoked: 'the access token has been revoked',
  'bad-signature': "the access token's signature does not verify with the provider's key",
  'wrong-audience': 'the access token is for another audience, not this API',
  unknown: 'the access token is not one this provider issued',
};

export const apiInvalidToken = defineKind({
  kind: 'api.invalid-token',
  category: 'tokens',
  summary: 'The protected API answers 401 Bearer error="invalid_token" (revoked, bad signature, wrong audience, unknown) to a genuine access token.',
  correctClient:
    'Treat the 401 as "this token is no good": refresh once (a single refresh shared by every request that failed) and retry once; if the retry fails too, or there is no refresh token, end the session and ask the user to sign in again — never loop.',
  why: 'Tokens are revoked before they expire (sign-out elsewhere, a password change, a security incident). An app that ignores the 401 shows errors or empty pages with a session that can no longer do anything; one that refreshes and retries without a bound hammers the provider and the API in a loop.',
  fix: 'On a 401 with error="invalid_token", refresh once and retry once, then sign the user out: with openid-client 6 catch `WWWAuthenticateChallengeError` from `fetchProtectedResource`, check `error.cause[0].parameters.error === "invalid_token"`, call `refreshTokenGrant` once (share the promise between concurrent requests) and repeat the call with the new token.',
  references: ['RFC 6750 §3.1 (invalid_token)', 'RFC 6750 §3', 'RFC 6749 §6', 'RFC 7009 §2 (revocation)', 'fapi-ciba-id1-client-refresh-token-test (refresh, then retry the resource request)'],
  points: ['api'],
  defaultPoints: ['api'],
  params,
  hooks: {
    api(call, p, state) {
      if (!isBearer(call.credential) || !picked(state, p.tokens, call.credential)) return undefined;
      return { error: 'invalid_token', description: `${WHY[p.reason]} ${marker('api.invalid-token')}` };
    },
  },
});
