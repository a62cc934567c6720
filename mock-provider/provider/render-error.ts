import type { IncomingMessage } from 'node:http';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { ClientConfig } from '../config/schema.js';
import { escapeHtml, page } from '../interactions/html.js';
import { LOOPBACK_PLACEHOLDER } from './loopback-redirects.js';

/** A redirect_uri the provider refused, and which part of it differs from the closest registered one. */
export interface RedirectUriMismatch {
  requested: string;
  registered: string[];
  closest?: string;
  /** One entry per differing part, named first: scheme, scheme case, host, host case, port, port written out, path, path case, trailing slash, query, fragment. */
  differences: string[];
}

interface UriParts {
  scheme: string;
  host: string;
  /** As written; undefined when the URI names no port. */
  port: string | undefined;
  path: string;
  query: string;
  fragment: string;
}

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

/**
 * Which part of a redirect URI differs from the closest registered one.
 *
 * - Works on the strings as written, since the provider compares exact strings: WHATWG URL
 *   parsing would hide a written-out default port (`:443`), an upper-case scheme or host, and
 *   the difference between `http://host` and `http://host/`.
 * - The closest registered URI is the one with the fewest differing parts (the first on a tie).
 */
export function diffRedirectUri(requested: string, registered: readonly string[]): RedirectUriMismatch {
  const r = uriParts(requested);
  let best: { uri: string; differences: string[] } | undefined;
  for (const uri of registered) {
    const g = uriParts(uri);
    const differences = r && g ? differingParts(r, g) : ['not a valid absolute URI'];
    if (!best || differences.length < best.differences.length) best = { uri, differences };
  }
  return {
    requested,
    registered: [...registered],
    ...(best ? { closest: best.uri } : {}),
    differences: best?.differences ?? ['no redirect URI is registered for this client'],
  };
}

function uriParts(uri: string): UriParts | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/.exec(uri);
  if (!m) return undefined;
  const authority = m[2]!.replace(/^.*@/, '');
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  if (!hostPort) return undefined;
  return { scheme: m[1]!, host: hostPort[1]!, port: hostPort[2] || undefined, path: m[3]!, query: m[4] ?? '', fragment: m[5] ?? '' };
}

function differingParts(r: UriParts, g: UriParts): string[] {
  const out: string[] = [];
  if (r.scheme.toLowerCase() !== g.scheme.toLowerCase()) out.push(`scheme (${r.scheme} ≠ ${g.scheme})`);
  else if (r.scheme !== g.scheme) out.push(`scheme case (${r.scheme} ≠ ${g.scheme})`);
  if (r.host.toLowerCase() !== g.host.toLowerCase()) out.push(`host (${r.host} ≠ ${g.host})`);
  else if (r.host !== g.host) out.push('host case');
  if (r.port !== g.port) {
    // Two default ports differ only with the scheme, which is already named.
    const effective = (u: UriParts) => u.port ?? DEFAULT_PORTS[u.scheme.toLowerCase()];
    const shown = (u: UriParts) => u.port ?? 'default';
    out.push(`${effective(r) === effective(g) ? 'port written out' : 'port'} (${shown(r)} ≠ ${shown(g)})`);
  }
  if (r.path !== g.path) {
    const trim = (path: string) => path.replace(/\/$/, '');
    const slashDiffers = r.path.endsWith('/') !== g.path.endsWith('/') || (r.path === '') !== (g.path === '');
    const [rp, gp] = [trim(r.path), trim(g.path)];
    if (rp !== gp && rp.toLowerCase() === gp.toLowerCase()) out.push('path case');
    else if (rp !== gp) out.push(`path (${r.path || '(empty)'} ≠ ${g.path || '(empty)'})`);
    if (slashDiffers && rp.toLowerCase() === gp.toLowerCase()) out.push('trailing slash');
  }
  if (r.query !== g.query) out.push(`query (${r.query || 'none'} ≠ ${g.query || 'none'})`);
  if (r.fragment !== g.fragment) out.push(`fragment (${r.fragment || 'none'} ≠ ${g.fragment || 'none'})`);
  return out;
}

/**
 * Errors oidc-provider cannot redirect back (an unknown client, a redirect_uri mismatch) are
 * rendered here: JSON for API callers, HTML for people, with the redirect_uri difference spelled
 * out and how to fix what was refused — the flag, the config key, the values registered.
 */
export function providerErrorRenderer(clients: () => readonly ClientConfig[], redirectFaulted: (req: IncomingMessage) => boolean) {
  return async function renderProviderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }, _error: Error) {
    const requested = (ctx.oidc?.params?.redirect_uri as string | undefined) ?? (ctx.query.redirect_uri as string | undefined);
    const mismatch =
      out.error === 'invalid_redirect_uri' && requested && ctx.oidc?.client
        ? diffRedirectUri(requested, (ctx.oidc.client.redirectUris ?? []).filter((u) => u !== LOOPBACK_PLACEHOLDER))
        : undefined;
    if (mismatch) (ctx.req as { authfaultRedirectMismatch?: unknown }).authfaultRedirectMismatch = mismatch;
    const clientId = (ctx.oidc?.params?.client_id as string | undefined) ?? (ctx.query.client_id as string | undefined);
    // A redirect.mismatch fault changed the registered URI on purpose: the app is not misconfigured.
    const hint = redirectFaulted(ctx.req)
      ? 'A redirect.mismatch fault set on this provider changed the registered redirect URI for this run, on purpose: a correct app shows an error here. Remove the fault (authfault fault clear, or the admin page) to sign in again.'
      : mismatch
      ? redirectHint(clients(), ctx.oidc!.client!.clientId, mismatch.requested)
      : out.error === 'invalid_client' && clientId !== undefined && !clients().some((c) => c.client_id === clientId)
        ? unknownClientHint(clients(), clientId)
        : undefined;
    if (ctx.accepts('html', 'json') === 'json') {
      ctx.type = 'json';
      ctx.body = { ...out, ...(mismatch ? { redirect_uri_mismatch: mismatch } : {}), ...(hint ? { hint } : {}) };
      return;
    }
    ctx.type = 'html';
    ctx.body = page(
      'Error',
      `<h1>Sign-in error</h1><p class="error"><strong>${escapeHtml(out.error)}</strong>${out.error_description ? `: ${escapeHtml(out.error_description)}` : ''}</p>${mismatch ? mismatchHtml(mismatch) : ''}${hint ? `<h2>How to fix it</h2><p id="fix">${escapeHtml(hint)}</p>` : ''}`,
    );
  };
}

/** What to change so the provider accepts this redirect URI for this client. */
export function redirectHint(clients: readonly ClientConfig[], clientId: string, requested: string): string {
  const at = clients.findIndex((c) => c.client_id === clientId);
  const client = clients[at];
  const loopback = client?.any_loopback_redirect_uri
    ? `Client "${clientId}" accepts any loopback redirect URI (http://localhost:*, http://127.0.0.1:*, http://[::1]:*, any port and path); ${requested} is not one. `
    : '';
  const flag = at === 0 ? `start authfault idp with --redirect-uri ${requested} (it registers it for the first client, "${clientId}"), or ` : '';
  return `${loopback}To accept it, ${flag}add it to redirect_uris of client "${clientId}" under provider.clients in your config (provider.clients[${Math.max(at, 0)}].redirect_uris; authfault idp reloads the file on save). Or send a registered one from your app.`;
}

/** What to do about a client_id the provider does not know. */
export function unknownClientHint(clients: readonly ClientConfig[], clientId: string): string {
  const registered = clients.map((c) => c.client_id);
  return `No client "${clientId}" is registered at this provider. Registered: ${registered.join(', ') || '(none)'}. Use one of them as your app's client_id (OIDC_CLIENT_ID), or register "${clientId}": add it under provider.clients in your config (- client_id: ${clientId}, with its redirect_uris; authfault idp reloads the file on save).`;
}

function mismatchHtml(m: RedirectUriMismatch): string {
  const differences = escapeHtml(m.differences.join(', ') || 'nothing visible');
  return `<h2>redirect_uri mismatch</h2><p>Requested: <code>${escapeHtml(m.requested)}</code></p>
<p>Registered: ${m.registered.map((u) => `<code>${escapeHtml(u)}</code>`).join(', ') || '(none)'}</p>
${m.closest === undefined ? `<p><strong>${differences}</strong></p>` : `<p>Differs from <code>${escapeHtml(m.closest)}</code> in: <strong>${differences}</strong></p>`}`;
}
