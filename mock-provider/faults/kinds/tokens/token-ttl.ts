import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * token.ttl — a token the client receives lives only a few seconds.
 *
 * - A JWT (the id_token, a JWT access token) is re-signed with the provider's own key with
 *   exp = iat + seconds; nothing else changes.
 * - Opaque access and refresh tokens get the same exp where the provider stores them, so userinfo,
 *   introspection and the refresh grant refuse them once it passes, exactly as a token whose
 *   lifetime really was that short.
 * - For the access token, `expires_in` in the response says the same lifetime: the provider does
 *   not lie here (a lying expires_in is a different fault).
 */
const params = z.strictObject({
  token: z
    .enum(['id_token', 'access_token', 'refresh_token'])
    .default('id_token')
    .describe('Which token of the token response gets the short lifetime.'),
  seconds: z.int().min(1).default(5).describe('The lifetime in seconds, counted from the token\'s iat.'),
});

export const tokenTtl = defineKind({
  kind: 'token.ttl',
  category: 'tokens',
  summary: 'A token in the token response is valid for only a few seconds (exp = iat + seconds; expires_in to match).',
  correctClient:
    'Use a token only while it is valid: read expires_in, refresh the access token ahead of expiry with a small margin, and when a call still fails with 401 invalid_token refresh once and retry; check an id_token\'s exp when it is received and never treat the id_token as a session that lasts.',
  why: 'Providers shorten lifetimes (policy changes, step-up, incident response). An app that assumes an hour breaks in the middle of a session with 401s it does not handle, or keeps using a token the provider has already ended.',
  fix: 'Refresh on expires_in minus a margin and on 401 invalid_token: openid-client `refreshTokenGrant` driven by `tokens.expiresIn()`; express-openid-connect `req.oidc.accessToken.isExpired()` then `.refresh()`; Spring Security refreshes through OAuth2AuthorizedClientManager (`clockSkew` sets the margin); ASP.NET needs a refresh handler (e.g. Duende.AccessTokenManagement); authlib refreshes when `token.is_expired()` with `update_token` set.',
  references: ['RFC 6749 §5.1 (expires_in)', 'RFC 6750 §3.1 (invalid_token)', 'RFC 7519 §4.1.4', 'OIDC Core §3.1.3.7 (9)', 'FC-SHORT-LIVED-ACCESS-TOKEN'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      if (res.status !== 200) return undefined;
      const value = res.body[p.token];
      if (typeof value !== 'string') return undefined;
      const shorten = (payload: Record<string, unknown>) => {
        payload.exp = (typeof payload.iat === 'number' ? payload.iat : tools.epoch()) + p.seconds;
      };
      const jwt = value.split('.').length === 3;
      if (jwt) {
        res.body[p.token] = await tools.resign(value, shorten);
      } else {
        if (p.token === 'id_token') return undefined;
        const changed = await tools.updateStored(p.token === 'access_token' ? 'AccessToken' : 'RefreshToken', value, shorten);
        if (!changed) return undefined;
      }
      const lifetime = `${p.token} ${jwt ? 're-signed' : 'stored'} with a lifetime of ${p.seconds}s`;
      if (p.token !== 'access_token') return lifetime;
      res.body.expires_in = p.seconds;
      return `${lifetime}, expires_in ${p.seconds}`;
    },
  },
});
