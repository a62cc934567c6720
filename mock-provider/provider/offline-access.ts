import type { KoaContextWithOIDC } from 'oidc-provider';

/** An extra authorization parameter whose validator runs restoreOfflineAccess; no client sends it. */
export const OFFLINE_ACCESS_HOOK = 'authfault_offline_access';

/**
 * offline_access granted when a client asks for it.
 *
 * - oidc-provider drops `offline_access` from an authorization request without `prompt=consent`
 *   (OpenID Connect Core §11: the OP ensures consent "unless other conditions for processing the
 *   request permitting offline access … are in place"). This provider consents on the user's
 *   behalf, and issues refresh tokens to every client allowed the grant: such a condition.
 * - Dropped, it made a refresh token whose scope lacks `offline_access`; clients that send their
 *   configured scope with every refresh (mod_auth_openidc, Authlib) were refused `invalid_scope`
 *   on each one (RFC 6749 §6: no scope "not originally granted").
 * - Put back after oidc-provider's check (by the validator of OFFLINE_ACCESS_HOOK), for a code
 *   flow and a client allowed the refresh grant and, when it lists its scopes, this one — the
 *   conditions oidc-provider keeps it under otherwise. Only a scope the request itself carried
 *   (query or form): a pushed or signed request keeps oidc-provider's rule.
 */
export function restoreOfflineAccess(ctx: KoaContextWithOIDC): void {
  const { oidc } = ctx;
  if (oidc.route !== 'authorization' || !oidc.client || !oidc.params) return;
  const params = oidc.params as { scope?: string; response_type?: string };
  const sent = (ctx.method === 'POST' ? (oidc.body as Record<string, unknown> | undefined) : ctx.query)?.scope;
  if (typeof sent !== 'string' || !sent.split(' ').includes('offline_access')) return;
  const kept = params.scope?.split(' ') ?? [];
  if (kept.includes('offline_access')) return;
  if (!params.response_type?.split(' ').includes('code') || !oidc.client.grantTypeAllowed('refresh_token')) return;
  if (oidc.client.scope && !oidc.client.scope.split(' ').includes('offline_access')) return;
  // In the order the client wrote it, as the journal then shows it.
  params.scope = [...new Set(sent.split(' ').filter((s) => s === 'offline_access' || kept.includes(s)))].join(' ');
}
