import { z } from 'zod';
import { defineKind } from '../../types.js';
import { isBearer, marker, picked, tokensParam } from '../shared/api-credentials.js';

/**
 * api.expired-token — the mock API says a genuine access token has expired: 401
 * `Bearer error="invalid_token"` with "the access token expired at … (N s ago)".
 *
 * - The access token expiring before the app expected is ordinary: the app's clock, a provider
 *   that shortened lifetimes, a token that expired in flight. The app cannot tell from the token;
 *   the API's answer is what it has to act on.
 * - Sticks to the first `tokens` distinct tokens (default 1), each time it comes back, so the
 *   token a refresh brings is served — and a burst of calls with the one expired token all fail
 *   together, which is how a refresh stampede is provoked.
 * - Bearer tokens only.
 */
const params = z.strictObject({
  by_s: z.int().min(1).default(30).describe('How long ago the description says the token expired, in seconds.'),
  tokens: tokensParam,
});

export const apiExpiredToken = defineKind({
  kind: 'api.expired-token',
  category: 'tokens',
  summary: 'The protected API answers 401 Bearer error="invalid_token" "the access token expired" to the first access token(s) it sees, every time they come back.',
  correctClient:
    'Refresh once and retry; when several calls fail together, share one refresh between them (single flight) and retry each with the new token; refresh proactively a little before expires_in runs out.',
  why: 'An app that does not refresh on an expired token sends the user back to sign in every hour. One that refreshes per failed request sends a stampede of refresh grants for one session; with refresh-token rotation (RFC 9700 §4.14.2) every grant after the first presents a used refresh token, and the provider revokes the whole grant: the user is signed out by the app\'s own retries.',
  fix: 'Keep one refresh in flight per session and let concurrent requests await it (a promise stored on the session, or a lock keyed by the session); after it settles, retry each failed request once with the new access token. openid-client 6: `refreshTokenGrant` once per session, then `fetchProtectedResource` again. Frameworks that refresh inside a per-request callback need that lock too.',
  references: ['RFC 6750 §3.1 (invalid_token)', 'RFC 6749 §6', 'RFC 9700 §4.14.2 (refresh token rotation, reuse detection)', 'FC-401-STORM', 'FC-REFRESH-ROTATION-STAMPEDE'],
  points: ['api'],
  defaultPoints: ['api'],
  params,
  hooks: {
    api(call, p, state) {
      if (!isBearer(call.credential) || !picked(state, p.tokens, call.credential)) return undefined;
      const exp = new Date(Date.now() - p.by_s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      return { error: 'invalid_token', description: `the access token expired at ${exp} (${p.by_s} s ago) ${marker('api.expired-token')}` };
    },
  },
});
