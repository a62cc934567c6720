import type Provider from 'oidc-provider';
import type { ClientConfig } from '../config/schema.js';

/** What oidc-provider is told a client with no redirect URI of its own has, so it allows the code flow. */
export const LOOPBACK_PLACEHOLDER = 'http://localhost/authfault-any-loopback-redirect-uri';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A redirect URI on this machine: http(s) to localhost, 127.0.0.1 or [::1], any port and path
 * (RFC 8252 §7.3 lets loopback redirect URIs vary their port), no fragment (RFC 6749 §3.1.2)
 * and no user info.
 */
export function isLoopbackUri(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname) && !url.hash && !url.username && !url.password;
}

/**
 * Clients with `any_loopback_redirect_uri` (the built-in demo-app when no config names clients)
 * accept any loopback redirect URI, after login and after logout, besides those registered: an
 * app on a laptop signs in with no configuration, whatever port it runs on. Every other client
 * stays exact. Read from the live client list, so a reload or a redirect.mismatch fault that
 * turns the flag off takes effect at once.
 *
 * `ownPage` is the provider's own "try a sign-in" page (/__authfault/debugger), which every client
 * accepts as a redirect URI: it is this provider's, on this machine, and nobody else's app.
 */
export function allowLoopbackRedirects(provider: Provider, clients: () => readonly ClientConfig[], ownPage: (uri: string) => boolean): void {
  const proto = (provider.Client as unknown as { prototype: LoopbackClient }).prototype;
  const { redirectUriAllowed, postLogoutRedirectUriAllowed } = proto;
  const open = (client: LoopbackClient, value: unknown) =>
    isLoopbackUri(value) && value !== LOOPBACK_PLACEHOLDER && clients().some((c) => c.client_id === client.clientId && c.any_loopback_redirect_uri);
  proto.redirectUriAllowed = function (this: LoopbackClient, value: unknown) {
    return (value !== LOOPBACK_PLACEHOLDER && redirectUriAllowed.call(this, value)) || open(this, value) || (typeof value === 'string' && ownPage(value));
  };
  proto.postLogoutRedirectUriAllowed = function (this: LoopbackClient, value: unknown) {
    return postLogoutRedirectUriAllowed.call(this, value) || open(this, value);
  };
}

interface LoopbackClient {
  clientId: string;
  redirectUriAllowed(value: unknown): boolean;
  postLogoutRedirectUriAllowed(value: unknown): boolean;
}

/** Whether `uri` is the debugger page of the control API at `adminPath`, on this provider's own ports. */
export function debuggerPage(adminPath: string, origins: readonly string[]): (uri: string) => boolean {
  const ports = new Set(origins.map((origin) => new URL(origin).port));
  return (uri) => {
    if (!isLoopbackUri(uri)) return false;
    const url = new URL(uri);
    return url.pathname === `${adminPath}/debugger` && !url.search && ports.has(url.port);
  };
}
