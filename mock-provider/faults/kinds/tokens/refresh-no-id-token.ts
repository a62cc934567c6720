import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * refresh.no-id-token — positive control: a refresh_token grant answers without an id_token.
 *
 * - OIDC Core §12.2: the refresh response "might not contain an id_token"; access_token and
 *   refresh_token stay as the provider issued them.
 * - Only the refresh_token grant is touched; the id_token of the login is unchanged.
 */
const params = z.strictObject({});

export const refreshNoIdToken = defineKind({
  kind: 'refresh.no-id-token',
  category: 'tokens',
  summary: 'Positive control: the response to a refresh_token grant carries no id_token, which OIDC Core §12.2 allows.',
  correctClient:
    'Accept the refreshed tokens and keep the identity (sub and claims) from the id_token of the login. Rejecting the refresh, or signing the user out for want of an id_token, is the bug.',
  why: 'Many providers send no id_token on refresh; an app that requires one loses every session at the first refresh, and one that overwrites the session with the missing claims forgets who the user is.',
  fix: 'After openid-client\'s `refreshTokenGrant`, `tokens.claims()` is undefined: keep the claims stored at login and replace only the access and refresh tokens; with any library, merge the refresh response into the stored token set instead of replacing the set (an id_token missing from the refresh response is not a sign-out).',
  references: ['OIDC Core §12.2', 'RFC 6749 §6', 'FC-REFRESH-NO-IDTOKEN'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, _p, _tools, req) {
      if (req.grantType !== 'refresh_token' || res.status !== 200 || !('id_token' in res.body)) return undefined;
      const { id_token: _idToken, ...rest } = res.body;
      res.body = rest;
      return 'removed id_token from the refresh response';
    },
  },
});
