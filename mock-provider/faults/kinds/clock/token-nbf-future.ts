import { z } from 'zod';
import { defineKind } from '../../types.js';
import { jwtTokenParam, resignClaims } from '../shared/jwt-token.js';

/**
 * token.nbf-future — a JWT not valid before a time in the future.
 *
 * - Adds (or moves) nbf = now + by_s; exp is moved out too when it would fall before nbf, so the
 *   token is "not yet valid" rather than also expired. Re-signed with the provider's own key.
 * - A time fault (the catalog files iat/exp/nbf under clock).
 */
const params = z.strictObject({
  token: jwtTokenParam,
  by_s: z.int().min(1).default(3600).describe('How many seconds in the future nbf lies.'),
});

export const tokenNbfFuture = defineKind({
  kind: 'token.nbf-future',
  category: 'clock',
  summary: 'A JWT in the token response has nbf in the future (default: an hour), correctly signed.',
  correctClient: 'Refuse a JWT before its nbf (beyond a small clock tolerance): RFC 7519 says it MUST NOT be accepted for processing.',
  why: 'nbf lets a provider issue a token that starts later (a scheduled grant, a delegated task); a client that ignores it uses tokens before they are valid, and cannot notice a provider clock that runs ahead.',
  fix: 'jose `jwtVerify` checks nbf whenever present (keep `clockTolerance` small, a minute at most); openid-client 6 checks it; Spring Security\'s JwtTimestampValidator checks nbf with its clockSkew; ASP.NET `ValidateLifetime = true` (the default) checks it; authlib `claims.validate(leeway=...)` checks nbf.',
  references: ['RFC 7519 §4.1.5', 'FC-NBF-IN-FUTURE', 'FC-SKEW-WITHIN-LEEWAY (the positive control: a few seconds must pass)'],
  points: ['token'],
  defaultPoints: ['token'],
  params,
  hooks: {
    async response(res, p, tools) {
      return resignClaims(res, p.token, tools, (payload) => {
        const nbf = tools.epoch() + p.by_s;
        payload.nbf = nbf;
        if (typeof payload.exp === 'number' && payload.exp <= nbf) payload.exp = nbf + 3600;
        return `nbf ${p.by_s}s in the future`;
      });
    },
  },
});
