import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type Provider from 'oidc-provider';
import type { ClientConfig } from '../config/schema.js';
import { AuthfaultError } from '../util/errors.js';
import { issuesInOneLine } from '../util/issues.js';
import { issuesFromZod } from '../util/zod-issues.js';
import type { Users } from '../types.js';
import type { SigningKey } from './keys.js';
import { issueTokenSchema, type IssuedToken } from './token-request.js';
import { newUser } from '../interactions/new-user.js';

export interface MintContext {
  provider: Provider;
  issuer: string;
  /** The mock API's resource indicator: the audience of JWT access tokens. */
  api: string;
  key: () => SigningKey;
  clients: readonly ClientConfig[];
  users: Users;
  ttl: { access_token: number; id_token: number };
  /** Seconds since the epoch on the provider's clock. */
  epoch: () => number;
}

/**
 * Mint a token as the provider's endpoints would have issued it, for tests of an API or an app
 * that skip the sign-in:
 *
 * - A JWT access token is RFC 9068's shape (typ at+jwt, iss, sub, aud = the mock API, client_id,
 *   scope, jti, iat, exp) with the user's roles and claims, signed with the key the JWKS
 *   publishes: jose, openid-client and the mock API accept it.
 * - An opaque access token is stored in the provider as its own AccessToken (or ClientCredentials
 *   token, without a user): introspection, userinfo (with openid) and the mock API find it.
 * - An ID token carries the user's claims, aud = the client, azp, auth_time.
 * - A sub nobody configured becomes a user with default claims, as at the login page.
 */
export async function mintToken(input: unknown, ctx: MintContext): Promise<IssuedToken> {
  const parsed = issueTokenSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error, issueTokenSchema, input);
    throw new AuthfaultError('AUTHFAULT_TOKEN_INVALID', `invalid token request: ${issuesInOneLine(issues)}`, issues);
  }
  const want = parsed.data;
  const client = want.client === undefined ? ctx.clients[0] : ctx.clients.find((c) => c.client_id === want.client);
  if (!client) {
    throw new AuthfaultError(
      'AUTHFAULT_TOKEN_INVALID',
      `no client "${want.client}" at this provider; registered: ${ctx.clients.map((c) => c.client_id).join(', ') || '(none)'}`,
      [{ path: ['client'], code: 'FAULT_INVALID_PARAM', message: `no client "${want.client}"`, allowed: ctx.clients.map((c) => c.client_id) }],
    );
  }
  const kind = want.kind ?? 'access_token';
  const sub = want.sub ?? (kind === 'id_token' ? ctx.users[0]?.id : undefined);
  if (sub === undefined) {
    if (kind === 'id_token') throw new AuthfaultError('AUTHFAULT_TOKEN_INVALID', 'an ID token needs a sub, and this provider has no users: pass sub');
  }
  const user = sub === undefined ? undefined : (ctx.users.get(sub) ?? ctx.users.set(newUser(sub)));
  const scope = want.scope ?? (user ? 'openid profile email' : (client.scope ?? ''));
  const now = ctx.epoch();
  const format = kind === 'id_token' ? 'jwt' : (want.format ?? 'jwt');
  const ttl = want.ttl ?? (kind === 'id_token' ? ctx.ttl.id_token : ctx.ttl.access_token);
  const userClaims = user ? profile(user) : {};
  const extra = { ...(user?.roles ? { roles: user.roles } : {}), ...user?.claims, ...want.claims };
  const base = { kind, format, token_type: 'Bearer' as const, client: client.client_id, ...(sub !== undefined ? { sub } : {}), scope, expires_at: now + ttl };

  if (format === 'opaque') {
    const oidcClient = await ctx.provider.Client.find(client.client_id);
    if (!oidcClient) throw new AuthfaultError('AUTHFAULT_TOKEN_INVALID', `client "${client.client_id}" is not loaded by the provider`);
    const Model = sub === undefined ? ctx.provider.ClientCredentials : ctx.provider.AccessToken;
    // Userinfo and introspection look a user's token's grant up: it needs one, as a sign-in would have made.
    let grantId: string | undefined;
    if (sub !== undefined) {
      const grant = new ctx.provider.Grant({ accountId: sub, clientId: client.client_id });
      if (scope) grant.addOIDCScope(scope);
      grantId = await grant.save();
    }
    const token = new (Model as unknown as new (init: Record<string, unknown>) => { save(): Promise<string> })({
      ...(sub !== undefined ? { accountId: sub, grantId, gty: 'authorization_code' } : {}),
      client: oidcClient,
      scope,
      expiresIn: ttl,
      ...(Object.keys(extra).length ? { extra } : {}),
    });
    return { ...base, token: await token.save() };
  }

  const claims: Record<string, unknown> =
    kind === 'id_token'
      ? { ...userClaims, ...extra, iss: ctx.issuer, sub, aud: client.client_id, azp: client.client_id, auth_time: now, iat: now, exp: now + ttl }
      : {
          ...extra,
          iss: ctx.issuer,
          ...(sub !== undefined ? { sub } : { sub: client.client_id }),
          aud: ctx.api,
          client_id: client.client_id,
          ...(scope ? { scope } : {}),
          jti: randomBytes(16).toString('base64url'),
          iat: now,
          exp: now + ttl,
        };
  const { jwk, privateKey } = ctx.key();
  const token = await new SignJWT(claims).setProtectedHeader({ alg: jwk.alg, kid: jwk.kid, typ: kind === 'id_token' ? 'JWT' : 'at+jwt' }).sign(privateKey);
  return { ...base, token, claims };
}

/** The user's standard claims, as userinfo releases them with profile and email. */
function profile(user: NonNullable<ReturnType<Users['get']>>): Record<string, unknown> {
  const { id, claims: _claims, roles: _roles, ...standard } = user;
  return { preferred_username: id, ...standard };
}
