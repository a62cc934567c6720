import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import { refuse } from './refuse.js';

/** What the provider is reached by: its listeners' origins (the issuer's among them), and other names it was given. */
export interface ServedHosts {
  origins: readonly string[];
  /** The host it binds, the names its run certificate is made for (provider.https.hosts). */
  names: readonly string[];
  /** provider.allowed_hosts: names, and ".example.test" for a name and every name under it. */
  allowed: readonly string[];
}

/**
 * Requests must name a host the provider serves (the `Host` header), which is what stops DNS
 * rebinding: a page of another site whose name was made to resolve to 127.0.0.1 sends its own
 * name, and would otherwise read the control API's answers (client secrets) as its own origin.
 *
 * - Any IP address is served (127.0.0.1, [::1], this machine's others): rebinding needs a name.
 * - `localhost` and `*.localhost` (RFC 6761: browsers resolve them to loopback themselves).
 * - The names of the provider's own origins (the issuer's, `provider.issuer` behind a proxy), the
 *   host it binds, those its certificate is made for, and `provider.allowed_hosts` (a Docker
 *   Compose service name: another container sends `Host: idp:9400`).
 * - A request without a Host header comes from no browser (HTTP/1.0 tools): served.
 */
export function hostCheck(served: ServedHosts): RequestHandler {
  const names = new Set([...served.origins.map((o) => new URL(o).hostname), ...served.names, ...served.allowed.filter((a) => !a.startsWith('.'))].map((h) => h.toLowerCase()));
  const suffixes = served.allowed.filter((a) => a.startsWith('.')).map((a) => a.toLowerCase());
  const listed = ['127.0.0.1', 'localhost', '[::1]', ...[...names].filter((n) => !isIP(unbracket(n)) && n !== 'localhost'), ...suffixes.map((s) => `*${s}`)].join(', ');
  const serves = (name: string) =>
    isIP(unbracket(name)) !== 0 || name === 'localhost' || name.endsWith('.localhost') || names.has(name) || suffixes.some((s) => name === s.slice(1) || name.endsWith(s));
  return (req, res, next) => {
    const host = req.headers.host;
    if (host === undefined) return next();
    const name = hostnameOf(host);
    if (name !== undefined && serves(name)) return next();
    refuse(
      req,
      res,
      'AUTHFAULT_HOST_NOT_ALLOWED',
      `the Host "${host.slice(0, 100)}" is not one this provider serves (${listed}, or any IP address): a page of another site may have reached it through DNS rebinding. To serve a name of your own (a Docker Compose service, a proxy), add it to provider.allowed_hosts or pass --allow-host ${suggestion(name)} to authfault idp; behind a proxy, set provider.issuer (ISSUER) to the URL clients use.`,
    );
  };
}

/** The host name of a Host header (RFC 9110 §7.2: host [":" port]), lower-case; undefined when it is not one. */
function hostnameOf(host: string): string | undefined {
  return /^(\[[0-9a-f:.]+\]|[^:/[\]@\s]+)(?::\d{1,5})?$/i.exec(host)?.[1]?.toLowerCase();
}

/** The name to allow, when it is one provider.allowed_hosts takes; a placeholder otherwise. */
function suggestion(name: string | undefined): string {
  return name !== undefined && /^[a-z0-9.-]{1,100}$/.test(name) ? name : '<name>';
}

function unbracket(name: string): string {
  return name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
}
