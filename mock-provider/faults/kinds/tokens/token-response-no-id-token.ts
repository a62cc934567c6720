import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * token-response.no-id-token — the response to the code redemption carries no id_token.
 *
 * - OIDC Core §3.1.3.3 says the id_token MUST be included in it; the access (and refresh) token
 *   stay as the provider issued them, so UserInfo still answers for the user.
 * - Only the authorization_code grant: a refresh response may leave the id_token out (OIDC Core
 *   §12.2; that positive control is refresh.no-id-token).
 */
const params = z.strictObject({});

export const tokenResponseNoIdToken = defineKind({
  kind: 'token-response.no-id-token',
  category: 'tokens',
  summary: 'The response to the code redemption has an access token but no id_token, which OIDC Core §3.1.3.3 requires.',
  correctClient:
    'Fail the login: without an id_token there is nothing to validate by OIDC Core §3.1.3.7 and no subject to match a UserInfo response against, so no UserInfo value may be used as the identity.',
  why: 'An app that quietly falls back to UserInfo (or to the access token) for the identity signs people in on the word of whoever answers the access token — the very confusion the id_token exists to prevent; a provider or proxy that drops the id_token turns it into an OAuth-only login.',
  fix: 'Require the id_token after the code redemption: openid-client 6 (`authorizationCodeGrant`) throws for an OpenID Connect request without one — do not catch that into a UserInfo fallback; with oauth4webapi call `processAuthorizationCodeResponse` without `requireIdToken: false`; in hand-written code, refuse the response when `id_token` is missing before reading anything else.',
  references: ['OIDC Core §3.1.3.3', 'OIDC Core §3.1.3.5', 'OIDC Core §5.3.2'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, _p, _tools, req) {
      if (req.grantType !== 'authorization_code' || res.status !== 200 || !('id_token' in res.body)) return undefined;
      const { id_token: _idToken, ...rest } = res.body;
      res.body = rest;
      return 'removed id_token from the response to the code redemption';
    },
  },
});
