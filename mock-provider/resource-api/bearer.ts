/**
 * Bearer access tokens, checked the way a resource server checks them.
 *
 * - A JWT (three segments with a JSON header) is verified against the provider's signing key (the
 *   key its JWKS publishes) with the provider's clock and no leeway, then its claims: typ at+jwt
 *   (RFC 9068 §4, which is how an ID token sent by mistake is told apart), iss = the issuer, aud
 *   = this API. Each failure gets its own description: expired (when, how long ago), not yet
 *   valid, bad signature, unknown key, wrong issuer, wrong audience, not an access token.
 * - Anything else is opaque and is looked up in the provider, as introspection would: an
 *   AccessToken or a ClientCredentials token, whose expiry is checked here (`find` hands back
 *   expired tokens); a token the store has forgotten is explained by the registry (expired,
 *   revoked), and a refresh token sent as an access token is recognised as one.
 * - An opaque token without `aud` is a token for the provider's own resources (userinfo, this
 *   API); one with an `aud` must name this API.
 */
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type Provider from 'oidc-provider';
import type { ApiCredential } from '../faults/types.js';
import { fingerprint } from './api-keys.js';
import type { TokenRegistry } from './token-registry.js';

export interface BearerContext {
  provider: Provider;
  issuer: string;
  /** This API's resource indicator: the audience its JWT access tokens carry. */
  audience: string;
  /** The provider's public signing key(s), as its JWKS publishes them. */
  publicKeys: () => Record<string, unknown>[];
  /** Seconds since the epoch on the provider's clock. */
  epoch: () => number;
  registry: TokenRegistry;
}

export type BearerResult = { credential: ApiCredential; subject: string } | { invalid: string; kind: 'jwt' | 'opaque' };

export async function verifyBearer(token: string, where: string, ctx: BearerContext): Promise<BearerResult> {
  return isJwt(token) ? verifyJwt(token, where, ctx) : verifyOpaque(token, where, ctx);
}

function isJwt(token: string): boolean {
  if (token.split('.').length !== 3) return false;
  try {
    decodeProtectedHeader(token);
    return true;
  } catch {
    return false;
  }
}

async function verifyJwt(token: string, where: string, ctx: BearerContext): Promise<BearerResult> {
  const now = ctx.epoch();
  const invalid = (why: string): BearerResult => ({ invalid: why, kind: 'jwt' });
  const header = decodeProtectedHeader(token);
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    return invalid('the access token is not a well-formed JWT (its payload is not a JSON object)');
  }
  const keys = ctx.publicKeys();
  const algorithms = [...new Set(keys.map((k) => String(k.alg ?? 'RS256')))];
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: keys as never }), {
      issuer: ctx.issuer,
      audience: ctx.audience,
      typ: 'at+jwt',
      algorithms,
      currentDate: new Date(now * 1000),
      clockTolerance: 0,
    });
    claims = payload;
  } catch (error) {
    return invalid(describeJwtError(error, header, claims, ctx, now));
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  const subject = String(claims.sub ?? claims.client_id ?? '');
  return {
    credential: { kind: 'jwt', foundIn: where, fingerprint: fingerprint(token), label: 'a JWT access token', scopes, claims: { ...claims } },
    subject,
  };
}

function describeJwtError(error: unknown, header: Record<string, unknown>, claims: JWTPayload, ctx: BearerContext, now: number): string {
  if (error instanceof errors.JWTExpired) {
    return `the access token expired at ${iso(Number(claims.exp))} (${now - Number(claims.exp)} s ago)`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return `the access token's signature does not verify with the provider's key "${String(header.kid)}" (it was changed after signing, or signed by someone else)`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return `the access token is signed with key ${header.kid === undefined ? '(no kid)' : `"${String(header.kid)}"`}, which the provider does not publish in its JWKS`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return `the access token is signed with alg ${String(header.alg)}; this API accepts only ${ctx.publicKeys().map((k) => String(k.alg ?? 'RS256')).join(', ')}`;
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'typ':
        return claims.nonce !== undefined || (claims.aud !== undefined && claims.scope === undefined)
          ? `the bearer token is an ID token (typ ${String(header.typ ?? 'absent')}, aud ${JSON.stringify(claims.aud)}), not an access token; send the access_token from the token response`
          : `the token's typ is ${JSON.stringify(header.typ ?? null)}, not "at+jwt": it is not a JWT access token (RFC 9068 §4)`;
      case 'iss':
        return `the access token was issued by ${JSON.stringify(claims.iss ?? null)}, not by this API's provider ${ctx.issuer}`;
      case 'aud':
        return `the access token is for audience ${JSON.stringify(claims.aud ?? null)}, not this API (${ctx.audience}); request it with resource=${ctx.audience}`;
      case 'nbf':
        return `the access token is not valid before ${iso(Number(claims.nbf))} (in ${Number(claims.nbf) - now} s)`;
      case 'iat':
        return `the access token's iat ${JSON.stringify(claims.iat)} is not a valid time`;
      default:
        return `the access token's ${error.claim} claim is not acceptable: ${error.message}`;
    }
  }
  if (error instanceof errors.JOSEError) return `the access token could not be verified: ${error.message}`;
  throw error;
}

async function verifyOpaque(token: string, where: string, ctx: BearerContext): Promise<BearerResult> {
  const invalid = (why: string): BearerResult => ({ invalid: why, kind: 'opaque' });
  const { provider } = ctx;
  // find() refuses a token more than clockTolerance past exp and hands back one within it; asked to
  // ignore expiry it returns either, and the expiry is judged here, with no tolerance.
  const found = (await provider.AccessToken.find(token, { ignoreExpiration: true })) ?? (await provider.ClientCredentials.find(token, { ignoreExpiration: true }));
  const now = ctx.epoch();
  if (!found) {
    const gone = ctx.registry.whyGone(token, now);
    if (gone && 'expired' in gone) return invalid(`the access token expired at ${iso(gone.expired)} (${now - gone.expired} s ago)`);
    if (gone) return invalid(`the access token has been revoked${gone.revoked ? ` ${gone.revoked}` : ' (with its grant: the user signed out, a refresh token was reused, or the grant was withdrawn)'}`);
    if (await provider.RefreshToken.find(token)) return invalid('the bearer token is a refresh token, not an access token; send the access_token from the token response');
    return invalid('the access token is not one this provider issued (unknown, or forgotten since the provider was reset)');
  }
  const t = found as unknown as { exp: number; isExpired: boolean; scope?: string; aud?: string | string[]; accountId?: string; clientId: string; extra?: Record<string, unknown> };
  if (t.isExpired) return invalid(`the access token expired at ${iso(t.exp)} (${now - t.exp} s ago)`);
  const aud = t.aud === undefined ? [] : Array.isArray(t.aud) ? t.aud : [t.aud];
  if (aud.length > 0 && !aud.includes(ctx.audience)) {
    return invalid(`the access token is for audience ${JSON.stringify(t.aud)}, not this API (${ctx.audience}); request it with resource=${ctx.audience}`);
  }
  const subject = t.accountId ?? t.clientId;
  const scopes = (t.scope ?? '').split(' ').filter(Boolean);
  return {
    credential: {
      kind: 'opaque',
      foundIn: where,
      fingerprint: fingerprint(token),
      label: 'an opaque access token',
      scopes,
      claims: { ...t.extra, sub: subject, client_id: t.clientId, ...(t.scope ? { scope: t.scope } : {}) },
    },
    subject,
  };
}

function iso(epoch: number): string {
  return Number.isFinite(epoch) ? new Date(epoch * 1000).toISOString().replace('.000Z', 'Z') : String(epoch);
}
