import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { ResolvedProviderConfig } from '../config/defaults.js';
import type { UserConfig } from '../config/schema.js';
import { escapeHtml, page } from '../interactions/html.js';
import type { MemoryStore } from './adapter.js';
import { accountFinder, claimsByScope } from './accounts.js';
import type { SigningKey } from './keys.js';
import { OFFLINE_ACCESS_HOOK, restoreOfflineAccess } from './offline-access.js';
import { providerErrorRenderer } from './render-error.js';

export interface OidcConfigInput {
  config: ResolvedProviderConfig;
  store: MemoryStore;
  key: SigningKey;
  users: () => readonly UserConfig[];
  /** Path prefix under the origin where express serves the interaction pages. */
  interactionBase: string;
  /** The scopes to grant for this request, after faults (scope.downgraded). */
  filterScopes: (req: IncomingMessage, scopes: readonly string[]) => readonly string[];
  /** A tenant's name: its cookies are named apart from the other issuers' on the same origin. */
  tenant?: string;
  /** Whether a redirect.mismatch fault acted on this request (its error page then says so, not how to register the URI). */
  redirectFaulted: (req: IncomingMessage) => boolean;
}

/** The oidc-provider configuration: standards-correct defaults for a development provider. */
export function oidcConfiguration({ config, store, key, users, interactionBase, filterScopes, tenant, redirectFaulted }: OidcConfigInput): Configuration {
  const requiresConsent = (clientId: string) => config.clients.find((c) => c.client_id === clientId)?.require_consent ?? false;
  const apiScopes = [...new Set(config.api.routes.flatMap((r) => r.scopes))];
  return {
    adapter: (name: string) => store.adapterFor(name),
    findAccount: accountFinder(users),
    jwks: { keys: [key.jwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')], ...(tenant ? { names: cookieNames(tenant) } : {}) },
    claims: claimsByScope(users()),
    // The API's scopes (orders:read, orders:write) are requestable like any other: granted into the
    // opaque access token without a resource, into the API's JWT access token with one.
    scopes: [...new Set(['openid', 'offline_access', 'profile', 'email', ...apiScopes])],
    // Many real providers put profile claims in the id_token; apps that read them from there work.
    conformIdTokenClaims: false,
    responseTypes: ['code', 'none'],
    clientBasedCORS: () => true,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true, allowedPolicy: async () => true },
      revocation: { enabled: true, allowedPolicy: async () => true },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      // A `resource` parameter gets a JWT access token (RFC 9068) for that audience; without one the
      // access token stays opaque, which is what userinfo requires (it refuses tokens with an aud).
      resourceIndicators: {
        enabled: true,
        // access_token_format jwt: a request that names no resource gets the mock API's JWT, as Keycloak issues.
        defaultResource: async (ctx, _client, oneOf) =>
          oneOf ?? (config.accessTokenFormat === 'jwt' ? `${new URL(ctx.oidc.issuer).origin}${config.api.path}` : undefined),
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => ({
          scope: [...new Set([...apiScopes, 'openid'])].join(' '),
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: config.ttl.access_token,
          jwt: { sign: { alg: key.jwk.alg as 'RS256' } },
        }),
      },
    },
    // Roles and custom claims ride in access tokens (top-level in a JWT, `extra` in an opaque one), as
    // Keycloak and Auth0 put them there, so the API can check a route's roles and claims.
    extraTokenClaims: async (_ctx, token) => {
      const accountId = (token as { accountId?: string }).accountId;
      const user = accountId ? users().find((u) => u.id === accountId) : undefined;
      if (!user || (!user.roles && !user.claims)) return undefined;
      return { ...(user.roles ? { roles: user.roles } : {}), ...user.claims };
    },
    interactions: { url: (_ctx, interaction) => `${interactionBase}/interaction/${interaction.uid}` },
    // A client allowed the refresh grant gets a refresh token, whether or not it asked for
    // offline_access (express-openid-connect and passport often do not); one that asks gets it too.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    // oidc-provider validates extra parameters after its scope check and before the grant and the
    // login page: the one hook every authorization request passes there. Nobody sends this one.
    extraParams: { [OFFLINE_ACCESS_HOOK]: async (ctx: KoaContextWithOIDC) => restoreOfflineAccess(ctx) },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(oidc.client!.clientId);
      if (grantId) {
        const grant = await oidc.provider.Grant.find(grantId);
        if (grant && requiresConsent(oidc.client!.clientId)) return grant;
        if (grant) return grantAll(grant, ctx, filterScopes);
      }
      if (requiresConsent(oidc.client!.clientId)) return undefined;
      // First-party style: grant what was asked without a consent page, as Keycloak does for
      // confidential clients; scope.denied and friends come from faults, not from clicks.
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
      return grantAll(grant, ctx, filterScopes);
    },
    ttl: {
      AccessToken: config.ttl.access_token,
      ClientCredentials: config.ttl.access_token,
      IdToken: config.ttl.id_token,
      RefreshToken: config.ttl.refresh_token,
      AuthorizationCode: config.ttl.code,
      Interaction: 600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
    renderError: providerErrorRenderer(() => config.clients, redirectFaulted),
  };
}

/**
 * Every issuer of the process shares the origin, and the session cookie's path is "/": with
 * oidc-provider's names, signing in at one issuer would replace the browser's session at all the
 * others. A tenant's cookies carry its name (the default issuer keeps the usual ones).
 */
function cookieNames(tenant: string) {
  return { session: `_session.${tenant}`, interaction: `_interaction.${tenant}`, resume: `_interaction_resume.${tenant}` };
}

async function grantAll(grant: InstanceType<KoaContextWithOIDC['oidc']['provider']['Grant']>, ctx: KoaContextWithOIDC, filter: OidcConfigInput['filterScopes']) {
  const requested = [...(ctx.oidc.requestParamOIDCScopes ?? [])];
  const granted = filter(ctx.req, requested);
  // A scope a fault rejected in an earlier login of this session is granted again once it is asked for without the fault.
  if (grant.rejected?.openid?.scope) {
    grant.rejected.openid.scope = grant.rejected.openid.scope.split(' ').filter((s) => !granted.includes(s)).join(' ');
  }
  if (granted.length > 0) grant.addOIDCScope(granted.join(' '));
  // Rejected scopes count as encountered, so oidc-provider does not loop back to consent for them.
  const rejected = requested.filter((s) => !granted.includes(s));
  if (rejected.length > 0) grant.rejectOIDCScope(rejected.join(' '));
  // A requested resource (RFC 8707) gets the requested scopes it accepts, narrowed like the rest.
  for (const [indicator, server] of Object.entries(ctx.oidc.resourceServers ?? {})) {
    const accepted = [...(ctx.oidc.requestParamScopes ?? [])].filter((s) => server.scopes.has(s) && (granted.includes(s) || !requested.includes(s)));
    if (accepted.length > 0) grant.addResourceScope(indicator, accepted.join(' '));
  }
  await grant.save();
  return grant;
}

async function logoutSource(ctx: KoaContextWithOIDC, form: string) {
  // Submitted by script so a browser signs out in one step; the button serves the http driver and people.
  ctx.body = page(
    'Sign out',
    `<h1>Sign out</h1><p>Sign out of the mock provider?</p>${form}
<button form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button form="op.logoutForm">Stay signed in</button>
<script>document.getElementById('op.logoutForm').insertAdjacentHTML('beforeend','<input type="hidden" name="logout" value="yes">');document.getElementById('op.logoutForm').submit()</script>`,
  );
}

async function postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
  const client = ctx.oidc.client;
  ctx.body = page('Signed out', `<h1>Signed out</h1><p>You are signed out${client ? ` of ${escapeHtml(client.clientId)}` : ''}.</p>`);
}
