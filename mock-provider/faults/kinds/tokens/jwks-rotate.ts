import { z } from 'zod';
import { defineKind, type KeyPair } from '../../types.js';

/**
 * jwks.rotate — the provider rotates its signing key: tokens are signed with a new key (new kid)
 * that the JWKS now publishes.
 *
 * - The new RSA key is generated when the fault is set and kept for the fault's life; clearing the
 *   fault returns to the provider's own key, as a rollback would.
 * - At `token`: the id_token and a JWT access token are re-signed with the new key; claims are
 *   untouched. Opaque tokens are left alone.
 * - At `jwks`: the new key is published first; the old keys stay when `keep_old` (a soft rotation)
 *   and are dropped otherwise (a hard one, so a token signed before the rotation stops verifying).
 * - The provider's own endpoints still verify with the old key (an id_token_hint signed with the
 *   new key is not recognised at end_session).
 * - The mock API verifies against what the JWKS publishes (provider/published-keys.ts): the new
 *   key while the fault acts at jwks, the old one unless keep_old is false.
 */
const params = z.strictObject({
  keep_old: z.boolean().default(true).describe('Keep publishing the old signing key next to the new one.'),
  kid: z.string().min(1).optional().describe('The kid of the new key; default: a random "authfault-…" kid.'),
});

const JWTS = ['id_token', 'access_token'] as const;

export const jwksRotate = defineKind({
  kind: 'jwks.rotate',
  category: 'tokens',
  summary: 'Rotates the signing key: tokens are signed with a new key and kid, which the JWKS publishes (with the old key, unless keep_old is false).',
  correctClient:
    'On a kid it has not seen, fetch jwks_uri again (once, rate-limited) and verify with the new key; keep accepting tokens signed with the old key while the JWKS still publishes it.',
  why: 'Providers rotate signing keys on a schedule and in emergencies; an app that cached the JWKS forever, or pinned one key, refuses every login from the moment of rotation until it is restarted.',
  fix: 'Re-fetch the JWKS on an unknown kid: jose `createRemoteJWKSet` does (at most once per cooldownDuration, 30 s by default); openid-client 6 does when its cached JWKS is at least 60 s old, and refreshes it every 5 minutes anyway; ASP.NET does with JwtBearerOptions.RefreshOnIssuerKeyNotFound (on by default); Spring Security\'s NimbusJwtDecoder.withJwkSetUri refreshes its cache on an unknown kid. Never pin a key or copy the JWKS into configuration.',
  references: [
    'oidcc-client-test-signing-key-rotation (rp-key-rotation-op-sign-key)',
    'oidcc-client-test-signing-key-rotation-just-before-signing (rp-key-rotation-op-sign-key-native)',
    'OIDC Core §10.1.1',
  ],
  points: ['jwks', 'token'],
  defaultPoints: ['jwks', 'token'],
  params,
  hooks: {
    async activate(p, env, state, tools, when) {
      const key = await tools.generateKey(p.kid);
      state.key = key;
      // The mock API reads the JWKS as published: the new key, when this fault acts at jwks.
      if (!when.endpoint || when.endpoint.includes('jwks')) return env.keys?.rotate(key, p.keep_old);
      return undefined;
    },
    async response(res, p, tools, req, state) {
      const key = state.key as KeyPair | undefined;
      if (!key || res.status !== 200) return undefined;
      if (req.point === 'jwks') {
        const keys = res.body.keys;
        if (!Array.isArray(keys)) return undefined;
        const old = (keys as Record<string, unknown>[]).filter((k) => k?.kid !== key.jwk.kid);
        res.body = { ...res.body, keys: [key.publicJwk, ...(p.keep_old ? old : [])] };
        const oldKids = old.map((k) => `"${String(k.kid)}"`).join(', ');
        return `published the new key "${key.jwk.kid}"${old.length === 0 ? '' : p.keep_old ? ` with the old ${oldKids}` : ` and dropped the old ${oldKids}`}`;
      }
      const changed: string[] = [];
      const body = { ...res.body };
      for (const name of JWTS) {
        const value = body[name];
        if (typeof value !== 'string' || value.split('.').length !== 3) continue;
        body[name] = await tools.resign(value, () => {}, { key });
        changed.push(name);
      }
      if (changed.length === 0) return undefined;
      res.body = body;
      return `${changed.join(' and ')} re-signed with the new key "${key.jwk.kid}" (was "${tools.signingKey().jwk.kid}")`;
    },
  },
});
