import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * userinfo.insufficient-scope — UserInfo answers 403 with a Bearer insufficient_scope challenge.
 *
 * - RFC 6750 §3.1: 403 with `WWW-Authenticate: Bearer error="insufficient_scope"` and optionally the
 *   scope needed; the challenge is written the way oidc-provider writes its own (realm first).
 * - The body is OAuth's JSON error shape, or empty with `body: none` (RFC 6750 puts the error in the
 *   header; many servers send no body).
 * - Answered before the provider looks at the token, so the token stays valid everywhere else.
 */
const params = z.strictObject({
  scope: z.string().min(1).default('openid profile email').describe('The scope the challenge says is needed.'),
  body: z.enum(['json', 'none']).default('json').describe('Send a JSON error body, or none.'),
  description: z
    .string()
    .min(1)
    .default('the access token lacks the scope this resource requires (authfault userinfo.insufficient-scope fault)')
    .describe('The error_description to send in the challenge and the body.'),
});

export const userinfoInsufficientScope = defineKind({
  kind: 'userinfo.insufficient-scope',
  category: 'permissions',
  summary: 'UserInfo answers 403 with WWW-Authenticate: Bearer error="insufficient_scope" and the scope needed.',
  correctClient:
    'Keep the session; do not refresh and retry (a refresh cannot add scope); show "not allowed" or start a new authorization request for the scope named in the challenge.',
  why: 'An app that treats 403 like 401 refreshes and retries in a loop (a refreshed token has the same scope) or signs the user out; one that ignores the challenge never asks for the scope it needs.',
  fix: 'openid-client 6: catch `WWWAuthenticateChallengeError`, read `error.cause[0].parameters.error === "insufficient_scope"` and `.scope`, then send the user to `buildAuthorizationUrl(config, { scope })` or show a forbidden page; do not call `refreshTokenGrant` for a 403. The same rule applies to any Bearer-protected API.',
  references: ['RFC 6750 §3.1', 'RFC 6750 §3', 'RFC 6749 §6', 'FC-INSUFFICIENT-SCOPE-403'],
  points: ['userinfo'],
  defaultPoints: ['userinfo'],
  params,
  hooks: {
    request(_req, p, _state, env) {
      const challenge = `Bearer realm="${env.issuer}", error="insufficient_scope", error_description="${p.description.replace(/["\\]/g, '\\$&')}", scope="${p.scope}"`;
      return {
        type: 'respond',
        status: 403,
        headers: { 'WWW-Authenticate': challenge, 'Cache-Control': 'no-store' },
        ...(p.body === 'json' ? { body: { error: 'insufficient_scope', error_description: p.description, scope: p.scope } } : {}),
      };
    },
  },
});
