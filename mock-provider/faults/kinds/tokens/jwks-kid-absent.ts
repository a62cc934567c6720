import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * jwks.kid-absent — positive control: the JWKS holds the single signing key without a kid, and
 * the tokens carry no kid in their header.
 *
 * - At `jwks`: only the provider's signing key is published, without its kid (use, alg, kty stay).
 * - At `token`: the id_token and a JWT access token are re-signed with the same key, header
 *   without kid; claims are untouched. Opaque tokens are left alone.
 * - Both points are on by default: a kid-less token against a JWKS with kids (or the reverse) is a
 *   different case, which `when.endpoint` can still produce on purpose.
 */
const params = z.strictObject({});

const JWTS = ['id_token', 'access_token'] as const;

export const jwksKidAbsent = defineKind({
  kind: 'jwks.kid-absent',
  category: 'tokens',
  summary: 'Positive control: the JWKS publishes the single signing key without kid, and tokens are signed without a kid header.',
  correctClient:
    'With no kid in the header and exactly one suitable key (kty, alg, use) in the JWKS, verify with that key and accept the token. Rejecting it is the bug.',
  why: 'kid is optional (RFC 7515 §4.1.4, RFC 7517 §4.5), and providers with a single key often leave it out; an app that looks keys up by kid only refuses every login from such a provider.',
  fix: 'Select keys the way jose and openid-client do: filter the JWKS by kty, alg and use, and by kid only when the header has one; accept when exactly one key remains. ASP.NET tries every issuer signing key when kid is absent (TokenValidationParameters.TryAllIssuerSigningKeys, on by default); in a hand-written `keys.find(k => k.kid === header.kid)` add that fallback.',
  references: ['oidcc-client-test-kid-absent-single-jwks (rp-id_token-kid-absent-single-jwks)', 'OIDC Core §10.1', 'RFC 7515 §4.1.4', 'RFC 7517 §4.5'],
  points: ['jwks', 'token'],
  defaultPoints: ['jwks', 'token'],
  params,
  hooks: {
    async response(res, _p, tools, req) {
      if (res.status !== 200) return undefined;
      const signing = tools.signingKey();
      if (req.point === 'jwks') {
        const keys = res.body.keys;
        if (!Array.isArray(keys)) return undefined;
        const own = keys.find((k: Record<string, unknown>) => k?.kid === signing.jwk.kid) as Record<string, unknown> | undefined;
        if (!own) return undefined;
        // A copy: oidc-provider serves the same key objects to every request.
        const { kid: _kid, ...withoutKid } = own;
        res.body = { ...res.body, keys: [withoutKid] };
        return `published the signing key without its kid "${signing.jwk.kid}"${keys.length > 1 ? ` (and dropped ${keys.length - 1} other key(s))` : ''}`;
      }
      const changed: string[] = [];
      const body = { ...res.body };
      for (const name of JWTS) {
        const value = body[name];
        if (typeof value !== 'string' || value.split('.').length !== 3) continue;
        body[name] = await tools.resign(value, (_payload, header) => {
          delete header.kid;
        });
        changed.push(name);
      }
      if (changed.length === 0) return undefined;
      res.body = body;
      return `${changed.join(' and ')} re-signed without a kid header`;
    },
  },
});
