import { z } from 'zod';
import { defineKind } from '../../types.js';

/**
 * redirect.mismatch — the client's registered redirect URIs are altered for the run, so the app's
 * real authorization request no longer matches exactly and the provider refuses it with an error
 * page (oidc-provider compares redirect URIs as exact strings).
 *
 * - The change is made when the fault is set and undone when it is removed or cleared; the
 *   provider reads clients from the live list, so it takes effect at once. Every registered URI
 *   of the client is altered the same way.
 * - Applies to `client`, else to the envelope's `when.client`, else to every client.
 * - The refusal itself is the provider's (render-error.ts shows what differs, and the journal
 *   entry carries it as `redirectMismatch`); the fault notes on the authorization request's
 *   journal entry that it caused it, when the request used one of the URIs it altered. That note
 *   is what `applied` counts; nth, times and probability govern only the note, since the
 *   registration is altered for every request alike.
 * - Variants, for `http://127.0.0.1:3000/cb`: trailing-slash `…/cb/` (or the slash removed),
 *   scheme `https:`, host `localhost` (127.0.0.1 ⇄ localhost, else `www.` toggled), port `3001`
 *   (a non-default port when none is written), path `/oauth2/cb`, case `/Cb` (the first letter of
 *   the path, else of the host, else the scheme).
 */
const VARIANTS = ['trailing-slash', 'scheme', 'host', 'port', 'path', 'case'] as const;
type Variant = (typeof VARIANTS)[number];

const params = z.strictObject({
  variant: z.enum(VARIANTS).default('trailing-slash').describe('Which part of the registered redirect URI is changed.'),
  client: z.string().min(1).optional().describe('The client whose redirect URIs change; default: when.client, else every client.'),
});

interface Altered {
  clientId: string;
  /** URI as the app registered it → URI registered for the run. */
  changes: Map<string, string>;
}

export const redirectMismatch = defineKind({
  kind: 'redirect.mismatch',
  category: 'oauth-flow',
  summary: 'The registered redirect URI differs slightly from the one the app sends (trailing slash, scheme, host, port, path or case), so the provider refuses the authorization request.',
  correctClient:
    'Nothing comes back to the callback: pending login state must expire rather than pile up, and the operator must be able to see why (the provider\'s error page names the difference). Register exactly the redirect URI the app sends.',
  references: ['RFC 6749 §3.1.2, §4.1.2.1', 'RFC 9700 §2.1, §4.1 (exact string matching)', 'OIDC Core §3.1.2.1', 'catalog FC-UNREGISTERED-REDIRECT-URI'],
  why: 'Providers compare redirect URIs as exact strings to stop codes leaking to attacker-controlled paths; a slash, port or scheme that differs between environments breaks sign-in for every user, usually right after a deploy behind a proxy.',
  fix: 'Send exactly the registered URI, built from configuration rather than from the request: openid-client `redirect_uri` in `buildAuthorizationUrl`; express-openid-connect `baseURL` + `routes.callback`; passport `callbackURL`; Spring Security `redirect-uri` (behind a proxy set `server.forward-headers-strategy=framework` so `{baseUrl}` is the public one); ASP.NET Core `CallbackPath` with `UseForwardedHeaders` behind a proxy; authlib `redirect_uri` in `authorize_redirect`.',
  points: ['authorize'],
  defaultPoints: ['authorize'],
  params,
  hooks: {
    activate(p, env, state, _tools, when) {
      const target = p.client ?? when?.client;
      const undo: (() => void)[] = [];
      const altered: Altered[] = [];
      for (const client of env.clients) {
        if (target !== undefined && client.client_id !== target) continue;
        const before = client.redirect_uris;
        const open = client.any_loopback_redirect_uri;
        const changes = new Map(before.map((uri) => [uri, alterRedirectUri(uri, p.variant)]));
        client.redirect_uris = before.map((uri) => changes.get(uri)!);
        // A client open to any loopback URI would accept the altered ones too: exact while the fault is set.
        client.any_loopback_redirect_uri = false;
        altered.push({ clientId: client.client_id, changes });
        undo.push(() => {
          client.redirect_uris = before;
          if (open !== undefined) client.any_loopback_redirect_uri = open;
        });
      }
      state.altered = altered;
      return () => {
        for (const u of undo.reverse()) u();
      };
    },
    request(req, p, state, env) {
      const uri = req.query.redirect_uri;
      if (!uri || !req.clientId || env.redirectAllowed(req.clientId, uri)) return undefined;
      const now = (state.altered as Altered[] | undefined)?.find((a) => a.clientId === req.clientId)?.changes.get(uri);
      if (now === undefined) return undefined;
      return { type: 'note', effect: `redirect_uri ${uri} is registered as ${now} for this run (${p.variant})` };
    },
  },
});

/** The registered URI as the variant changes it; works on the string, so nothing is normalised away. */
export function alterRedirectUri(uri: string, variant: Variant): string {
  const m = /^([^:/?#]+):\/\/([^/?#]*)([^?#]*)(.*)$/.exec(uri);
  if (!m) return `${uri}/`;
  const [, scheme, authority, path, rest] = m as unknown as [string, string, string, string, string];
  const hostPort = /^(.*@)?(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  const [, userinfo = '', host = authority, port] = hostPort ?? [];
  const build = (s: string, h: string, pt: string | undefined, pa: string) => `${s}://${userinfo}${h}${pt !== undefined ? `:${pt}` : ''}${pa}${rest}`;
  switch (variant) {
    case 'trailing-slash':
      if (path.length > 1 && path.endsWith('/')) return build(scheme, host, port, path.slice(0, -1));
      return build(scheme, host, port, path === '' ? '/' : `${path}/`);
    case 'scheme':
      return build(scheme.toLowerCase() === 'https' ? 'http' : 'https', host, port, path);
    case 'host':
      return build(scheme, otherHost(host), port, path);
    case 'port': {
      if (port) return build(scheme, host, String(Number(port) >= 65535 ? Number(port) - 1 : Number(port) + 1), path);
      return build(scheme, host, scheme.toLowerCase() === 'https' ? '8443' : '8080', path);
    }
    case 'path':
      return build(scheme, host, port, `/oauth2${path || '/'}`);
    case 'case': {
      if (/[a-z]/i.test(path)) return build(scheme, host, port, flipFirstLetter(path));
      if (/[a-z]/i.test(host)) return build(scheme, flipFirstLetter(host), port, path);
      return build(scheme.toUpperCase(), host, port, path);
    }
  }
}

function otherHost(host: string): string {
  if (host === '127.0.0.1' || host === '[::1]') return 'localhost';
  if (host.toLowerCase() === 'localhost') return '127.0.0.1';
  if (host.toLowerCase().startsWith('www.')) return host.slice(4);
  return `www.${host}`;
}

function flipFirstLetter(text: string): string {
  const i = text.search(/[a-z]/i);
  const c = text[i]!;
  return text.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + text.slice(i + 1);
}
