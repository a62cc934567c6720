import { z } from 'zod';
import { defineKind } from '../../types.js';
import { isBearer, marker } from '../shared/api-credentials.js';

/**
 * clock.skew — the provider's clock is off by `seconds`, consistently.
 *
 * - Every JWT the provider hands out (the id_token; access tokens when they are JWTs) is re-signed
 *   with its own key, with iat, exp and auth_time (and nbf when present) moved by `seconds`, and an
 *   nbf equal to the shifted iat added: many clients ignore an iat in the future (jose without
 *   maxTokenAge, oauth4webapi), so only nbf makes a fast provider clock visible to them.
 * - Introspection answers have iat, exp and nbf moved by `seconds` too.
 * - Why only what leaves the provider: a provider whose whole clock is off issues and checks with
 *   the same wrong clock, so to itself every code and token it issued is exactly as old as it would
 *   be with a right clock. Keeping its stored codes and tokens on the real clock (and checking them
 *   against it) is therefore equivalent; the one place the difference shows is the timestamps the
 *   app reads, and those are what this kind shifts. Code exchange and refresh keep working.
 * - NOT shifted: the HTTP Date header, cookie expiry, expires_in (a duration, the same on any
 *   clock), discovery and JWKS (no timestamps), and the journal's times (the real clock).
 * - At `api` (only when asked: `when: { endpoint: api }`) it is the mock API's clock that is off:
 *   the API judges a bearer token's exp and nbf by its own clock, so with `seconds` ahead a token
 *   the app still thinks valid is refused as expired (401 invalid_token), as a resource server
 *   whose clock drifted does. Tokens are not re-signed there.
 */
const params = z.strictObject({
  seconds: z
    .int()
    .refine((s) => s !== 0, 'must not be 0 (no skew)')
    .describe('How far the provider clock is off: positive = ahead of the app (tokens from the future), negative = behind (tokens already old).'),
});

const JWT_FIELDS = ['id_token', 'access_token'] as const;
const TIME_CLAIMS = ['iat', 'exp', 'auth_time', 'nbf'] as const;

export const clockSkew = defineKind({
  kind: 'clock.skew',
  category: 'clock',
  summary: 'The provider clock is off by `seconds`: the iat, exp, nbf and auth_time it hands out (JWTs, introspection) are all shifted; at `api` (when asked) the mock API judges exp and nbf by a clock off by `seconds` instead.',
  correctClient:
    'Validate exp and nbf with a small clock tolerance (a minute or so): accept a skew of a few seconds, refuse tokens that are not yet valid or already expired beyond it, and keep server clocks NTP-synchronised.',
  why: 'Without tolerance a few seconds of drift locks users out at random; with no check at all (or a huge tolerance) an app accepts tokens long expired or issued for the future, which is how replayed and pre-minted tokens get in.',
  fix: 'Use a bounded clock tolerance and run NTP: openid-client 6 `config[client.clockTolerance]` (default 30 s) or `config[client.clockSkew]` when the offset is known; jose `jwtVerify(..., { clockTolerance: 60 })`, and `maxTokenAge` to catch a future iat; express-openid-connect `clockTolerance` (default 60); passport/openid-client 5 `client[custom.clock_tolerance]`; Spring Security `JwtTimestampValidator(Duration.ofSeconds(60))` / OidcIdTokenValidator `setClockSkew`; ASP.NET `TokenValidationParameters.ClockSkew` (default 5 min); authlib `leeway` in `claims.validate(leeway=60)`.',
  references: [
    'RFC 7519 §4.1.4, §4.1.5, §4.1.6',
    'OIDC Core §3.1.3.7 (9, 10)',
    'RFC 7662 §2.2',
    'FC-SKEW-WITHIN-LEEWAY (positive control within tolerance)',
    'oidcc-client-test-invalid-exp / oidcc-client-test-iat (timestamp checks)',
  ],
  points: ['token', 'introspection', 'api'],
  defaultPoints: ['token', 'introspection'],
  params,
  hooks: {
    async response(res, p, tools, req) {
      if (res.status !== 200) return undefined;
      const sign = p.seconds > 0 ? '+' : '';
      if (req.point === 'introspection') {
        const shifted = shiftClaims(res.body, p.seconds, false);
        return shifted.length > 0 ? `introspection ${shifted.join(', ')} shifted ${sign}${p.seconds}s` : undefined;
      }
      const changed: string[] = [];
      for (const field of JWT_FIELDS) {
        const value = res.body[field];
        if (typeof value !== 'string' || value.split('.').length !== 3) continue;
        res.body[field] = await tools.resign(value, (payload) => {
          shiftClaims(payload, p.seconds, true);
        });
        changed.push(field);
      }
      return changed.length > 0 ? `${changed.join(' and ')} re-signed with iat, exp, auth_time, nbf shifted ${sign}${p.seconds}s` : undefined;
    },
    api(call, p) {
      if (!isBearer(call.credential)) return undefined;
      const { exp, nbf } = call.credential.claims;
      const now = Math.floor(Date.now() / 1000) + p.seconds;
      const clock = `by this API's clock, which runs ${Math.abs(p.seconds)} s ${p.seconds > 0 ? 'ahead' : 'behind'} ${marker('clock.skew')}`;
      if (typeof exp === 'number' && exp <= now) return { error: 'invalid_token', description: `the access token expired at ${iso(exp)} (${now - exp} s ago ${clock})` };
      if (typeof nbf === 'number' && nbf > now) return { error: 'invalid_token', description: `the access token is not valid before ${iso(nbf)} (${nbf - now} s from now ${clock})` };
      return undefined;
    },
  },
});

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Move the numeric time claims by `seconds`; with `addNbf`, add nbf = the shifted iat when missing. Returns the claims moved. */
export function shiftClaims(claims: Record<string, unknown>, seconds: number, addNbf: boolean): string[] {
  const moved: string[] = [];
  for (const name of TIME_CLAIMS) {
    const value = claims[name];
    if (typeof value !== 'number') continue;
    claims[name] = value + seconds;
    moved.push(name);
  }
  if (addNbf && claims.nbf === undefined && typeof claims.iat === 'number') {
    claims.nbf = claims.iat;
    moved.push('nbf');
  }
  return moved;
}
