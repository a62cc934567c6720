import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml, page } from '../interactions/html.js';

/** Which part of a redirect URI differs from the closest registered one. */
export function diffRedirectUri(requested: string, registered: readonly string[]) {
  const parts = (u: string) => {
    try {
      const url = new URL(u);
      return { scheme: url.protocol.replace(':', ''), host: url.hostname, port: url.port, path: url.pathname, query: url.search };
    } catch {
      return undefined;
    }
  };
  const r = parts(requested);
  let best: { uri: string; differences: string[] } | undefined;
  for (const uri of registered) {
    const g = parts(uri);
    const differences: string[] = [];
    if (!r || !g) differences.push('not a valid absolute URI');
    else {
      if (r.scheme !== g.scheme) differences.push(`scheme (${r.scheme} ≠ ${g.scheme})`);
      if (r.host !== g.host) differences.push(r.host.toLowerCase() === g.host.toLowerCase() ? 'host case' : `host (${r.host} ≠ ${g.host})`);
      if (r.port !== g.port) differences.push(`port (${r.port || 'default'} ≠ ${g.port || 'default'})`);
      if (r.path !== g.path) {
        if (r.path.replace(/\/$/, '') === g.path.replace(/\/$/, '')) differences.push('trailing slash');
        else if (r.path.toLowerCase() === g.path.toLowerCase()) differences.push('path case');
        else differences.push(`path (${r.path} ≠ ${g.path})`);
      }
      if (r.query !== g.query) differences.push(`query (${r.query || 'none'} ≠ ${g.query || 'none'})`);
    }
    if (!best || differences.length < best.differences.length) best = { uri, differences };
  }
  return { requested, registered: [...registered], closest: best?.uri, differences: best?.differences ?? [] };
}

/**
 * Errors oidc-provider cannot redirect back (an unknown client, a redirect_uri mismatch) are
 * rendered here: JSON for API callers, HTML for people, with the redirect_uri difference spelled out.
 */
export async function renderProviderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }, _error: Error) {
  const requested = (ctx.oidc?.params?.redirect_uri as string | undefined) ?? (ctx.query.redirect_uri as string | undefined);
  const mismatch =
    out.error === 'invalid_redirect_uri' && requested && ctx.oidc?.client ? diffRedirectUri(requested, ctx.oidc.client.redirectUris ?? []) : undefined;
  if (mismatch) (ctx.req as { authfaultRedirectMismatch?: unknown }).authfaultRedirectMismatch = mismatch;
  if (ctx.accepts('html', 'json') === 'json') {
    ctx.type = 'json';
    ctx.body = { ...out, ...(mismatch ? { redirect_uri_mismatch: mismatch } : {}) };
    return;
  }
  ctx.type = 'html';
  const detail = mismatch
    ? `<h2>redirect_uri mismatch</h2><p>Requested: <code>${escapeHtml(mismatch.requested)}</code></p>
<p>Registered: ${mismatch.registered.map((u) => `<code>${escapeHtml(u)}</code>`).join(', ') || '(none)'}</p>
<p>Differs from <code>${escapeHtml(mismatch.closest ?? '')}</code> in: <strong>${escapeHtml(mismatch.differences.join(', ') || 'nothing visible')}</strong></p>`
    : '';
  ctx.body = page(
    'Error',
    `<h1>Sign-in error</h1><p class="error"><strong>${escapeHtml(out.error)}</strong>${out.error_description ? `: ${escapeHtml(out.error_description)}` : ''}</p>${detail}`,
  );
}
