import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * token.expired — a token the client receives has already expired.
 *
 * - JWTs (id_token, JWT access tokens) are re-signed with the provider's own key with only `exp`
 *   moved into the past, so the signature, issuer and audience stay right and only expiry is wrong.
 * - Opaque access and refresh tokens are expired where the provider stores them, so userinfo,
 *   introspection and the refresh grant refuse them exactly as they refuse a naturally expired one.
 */
const params = z.strictObject({
  token: z
    .enum(['id_token', 'access_token', 'refresh_token'])
    .default('id_token')
    .describe('Which token of the token response expires.'),
  by_s: z.int().min(1).default(360).describe('How many seconds in the past exp lies (the conformance suite uses 360).'),
});

export const tokenExpired = defineKind({
  kind: 'token.expired',
  category: 'tokens',
  summary: 'A token in the token response is already expired (exp in the past), but otherwise valid.',
  correctClient:
    'Check exp (with a small clock tolerance) and refuse an expired id_token; for access and refresh tokens, treat the 401/invalid_grant as expiry: refresh once, or sign the user in again.',
  references: ['OIDC Core §3.1.3.7 (9)', 'RFC 7519 §4.1.4', 'oidcc-client-test-invalid-exp (rp-id_token-exp)'],
  why: 'An app that ignores exp accepts tokens that were captured or replayed long after they should have died, and keeps sessions the provider has ended.',
  fix: 'Validate exp on every id_token (allow at most a minute of clock tolerance): jose `jwtVerify` checks it unless you pass a huge clockTolerance or a fake currentDate; openid-client does it by default; never decode tokens without verifying.',
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      if (res.status !== 200) return undefined;
      const body = res.body;
      const value = body[p.token];
      if (typeof value !== 'string') return undefined;
      const exp = tools.epoch() - p.by_s;
      if (value.split('.').length === 3) {
        body[p.token] = await tools.resign(value, (payload) => {
          payload.exp = exp;
        });
        return `${p.token} re-signed with exp ${p.by_s}s in the past`;
      }
      if (p.token === 'id_token') return undefined;
      const model = p.token === 'access_token' ? 'AccessToken' : 'RefreshToken';
      const changed = await tools.updateStored(model, value, (payload) => {
        payload.exp = exp;
      });
      return changed ? `stored ${p.token} expired ${p.by_s}s ago` : undefined;
    },
  },
});
