import type { MockProviderHandle, ResolvedTenancy } from '../../mock-provider/common.js';

/** The banner of `authfault idp`: loud that it is a mock, and everything needed to point an app at it. */
export function banner(idp: MockProviderHandle, tenancy: ResolvedTenancy, state?: { dir: string; fresh: boolean; cleared: string[] }): string {
  const client = idp.clients[0];
  const lines = [
    '┌──────────────────────────────────────────────────────────────────────┐',
    '│  authfault MOCK OpenID Provider — for tests and development only.   │',
    '│  Anyone can sign in as anyone. Never point a production app here.   │',
    '└──────────────────────────────────────────────────────────────────────┘',
    `issuer     ${idp.issuer}`,
    `discovery  ${idp.issuer}/.well-known/openid-configuration`,
    `admin      ${idp.admin}  (open it in a browser; loopback only unless provider.admin.token is set${idp.ca ? '; on the front channel, whose certificate stays valid under tls.* faults' : ''})`,
    `try it     ${idp.admin}/debugger  (a sign-in in your browser, each step shown: request, callback, tokens decoded, userinfo)`,
    `seed       ${idp.seed}`,
    ...(state
      ? [
          `state      ${state.dir}/  (signing key, ${idp.ca ? 'CA, ' : ''}client secrets and free ports kept between restarts${state.fresh ? `; --fresh: started over${state.cleared.length ? `, removed ${state.cleared.join(', ')}` : ''}` : '; --fresh starts over'})`,
        ]
      : []),
    tenancy.onDemand
      ? `tenants    ${idp.origin}/<name> (e.g. /tenant-a): any other path is an issuer of its own — own keys, clients, users, faults; created on first use (at most ${tenancy.max})`
      : `tenants    ${idp.origin}/<name> once created with POST ${idp.admin}/tenants {"name"}: not on first use (provider.tenants: false)`,
    ...(idp.ca ? [`CA         ${idp.ca.path}  (trust it: NODE_EXTRA_CA_CERTS=${idp.ca.path})`, `browser    ${idp.frontOrigin}  (login pages; the issuer's origin is the back channel)`] : []),
    '',
    'clients',
    ...idp.clients.map(
      (c) =>
        `  ${c.client_id}  secret: ${c.client_secret ?? '(public client, PKCE)'}  grants: ${c.grant_types.join(', ')}${redirects(c)}`,
    ),
    'users (any other name signs in too, as a user made with default claims)',
    ...idp.users.map((u) => `  ${u.id}${u.name ? `  ${u.name}` : ''}${u.email ? `  <${u.email}>` : ''}`),
    '',
    'paste into your app:',
    `  OIDC_ISSUER=${idp.issuer}`,
    ...(idp.ca ? [`  NODE_EXTRA_CA_CERTS=${idp.ca.path}`] : []),
    ...(client ? [`  OIDC_CLIENT_ID=${client.client_id}`, `  OIDC_CLIENT_SECRET=${client.client_secret ?? ''}`] : []),
    '',
    `Set faults: authfault fault add <kind> --idp ${idp.frontOrigin ?? idp.origin}${idp.ca ? ` --ca ${idp.ca.path}` : ''} [--tenant <name>]   ·   Ctrl-C stops the provider.`,
  ];
  return lines.join('\n');
}

/** Where a client may send people back to, or why sign-in is off and how to turn it on. */
function redirects(c: MockProviderHandle['clients'][number]): string {
  const lines = c.redirect_uris.length ? [`redirect_uris: ${c.redirect_uris.join(', ')}`] : [];
  if (c.any_loopback_redirect_uri) lines.push('redirect_uris: any loopback one — http://localhost:*, http://127.0.0.1:*, http://[::1]:* (any port and path); others: --redirect-uri <uri>');
  if (lines.length === 0) lines.push('no redirect_uris: sign-in (code flow) is off; start with --redirect-uri <your app\u2019s callback>, or add provider.clients[].redirect_uris to authfault.config.yaml');
  return lines.map((line) => `\n    ${line}`).join('');
}

/** The one JSON line `authfault idp --json` prints once the provider is ready. */
export function readyLine(idp: MockProviderHandle, tenancy: ResolvedTenancy): string {
  return JSON.stringify({
    issuer: idp.issuer,
    admin: idp.admin,
    seed: idp.seed,
    // Templates: <name> stands for a tenant's name.
    tenants: { issuer: `${idp.origin}/<name>`, admin: `${idp.frontOrigin ?? idp.origin}/<name>/__authfault`, on_demand: tenancy.onDemand, max: tenancy.max },
    ...(idp.ca ? { ca: idp.ca.path } : {}),
    clients: idp.clients.map((c) => ({
      client_id: c.client_id,
      client_secret: c.client_secret ?? null,
      redirect_uris: c.redirect_uris,
      ...(c.any_loopback_redirect_uri ? { any_loopback_redirect_uri: true } : {}),
      grant_types: c.grant_types,
    })),
    users: idp.users.map((u) => ({ id: u.id, ...(u.name ? { name: u.name } : {}), ...(u.email ? { email: u.email } : {}) })),
  });
}
