import { createServer, type Server } from 'node:http';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import type { Express, RequestHandler } from 'express';
import type Provider from 'oidc-provider';
import type { ResolvedProviderConfig } from './config/defaults.js';
import { isWildcardHost } from './config/hosts.js';
import type { Journal } from './control/journal.js';
import type { TlsControl } from './faults/types.js';
import { AuthfaultError } from './util/errors.js';

/**
 * The process's side of the provider, shared by every issuer in it: the express app's HTTP
 * listener, or with HTTPS the two TLS listeners (the back channel is the issuers' origin, the
 * front channel the browser's) and the run's certificates.
 */
export interface Listener {
  /** Scheme, host and port of the issuers (with HTTPS: the back channel). */
  readonly origin: string;
  /** With HTTPS: the browser's origin and the run CA. */
  readonly frontOrigin?: string;
  readonly ca?: { path: string; pem: string };
  /** With HTTPS: what the tls.* faults swap the back channel's certificate with. */
  readonly tls?: TlsControl;
  /** With HTTPS: the first middleware, marking the connection a request arrived on (the journal's evidence). */
  readonly requestArrived?: RequestHandler;
  /** With HTTPS: discovery sends the browser's endpoints to the front channel (one per issuer's provider). */
  readonly frontChannel?: Parameters<Provider['use']>[0];
  /** Reset a request's connection (TCP RST): the TCP socket itself, or the one under a TLS socket. */
  resetConnection(socket: Socket): void;
  close(): Promise<void>;
}

/**
 * Listen for `app` as the config says. TLS connections are journaled in `journal` (the default
 * issuer's): a connection is accepted before any request on it names a path, hence an issuer.
 */
export async function startListener(app: Express, config: ResolvedProviderConfig, journal: Journal): Promise<Listener> {
  if (!config.https) {
    const server = createServer(app);
    await listen(server, config.port, config.host, config.preferredPorts?.back);
    return {
      origin: config.issuer ? new URL(config.issuer).origin : at(server, config.host, 'http'),
      resetConnection: (socket) => socket.resetAndDestroy(),
      close: () => close(server),
    };
  }
  // TLS code (and its X.509 library) loads only when HTTPS is asked for: plain starts stay fast.
  const tlsModules = await loadTls();
  const tls = await tlsModules.createRunTls(config.https);
  const listeners = new tlsModules.TlsListeners(app, tls.valid, journal);
  await listen(listeners.ports.back, config.port, config.host, config.preferredPorts?.back);
  await listen(listeners.ports.front, config.https.frontPort ?? 0, config.host, config.preferredPorts?.front, FRONT_PORT_SETTING);
  const origin = config.issuer ? new URL(config.issuer).origin : at(listeners.ports.back, config.host, 'https');
  const frontOrigin = at(listeners.ports.front, config.host, 'https');
  return {
    origin,
    frontOrigin,
    ca: { path: tls.caPath, pem: tls.ca.certPem },
    tls: { hosts: tls.hosts, ...tlsModules.issuers(tls), serve: (cert, onConnection) => listeners.serve(cert, onConnection) },
    requestArrived: (req, _res, next) => (listeners.requestArrived(req.socket), next()),
    frontChannel: tlsModules.frontChannelDiscovery(origin, frontOrigin) as Parameters<Provider['use']>[0],
    resetConnection: (socket) => listeners.resetConnection(socket),
    async close() {
      await listeners.close();
      await tls.dispose();
    },
  };
}

async function loadTls() {
  const [run, listeners, front] = await Promise.all([import('./tls/run-tls.js'), import('./tls/listeners.js'), import('./tls/front-channel.js')]);
  return { createRunTls: run.createRunTls, issuers: run.issuers, TlsListeners: listeners.TlsListeners, frontChannelDiscovery: front.frontChannelDiscovery };
}

function at(server: NetServer, configuredHost: string, scheme: 'http' | 'https'): string {
  // Listening on every interface, the provider is at least this machine's 127.0.0.1 (and a published
  // Docker port's on the host); other machines reach it by an address only they know: provider.issuer.
  const reachable = isWildcardHost(configuredHost) ? '127.0.0.1' : configuredHost;
  const host = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `${scheme}://${host}:${(server.address() as AddressInfo).port}`;
}

function close(server: NetServer): Promise<void> {
  if ('closeAllConnections' in server) (server as Server).closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Listen on `port`; a `preferred` port (kept from an earlier run) first, when it is still free. */
/** How to choose the port instead, for an error message. */
const PORT_SETTING = 'choose another with --port <port> (0 takes a free one), the PORT variable, provider.port in the config or createMockProvider({ port })';
const FRONT_PORT_SETTING = 'choose another with provider.https.front_port (0 takes a free one)';

async function listen(server: NetServer, port: number, host: string, preferred?: number, setting = PORT_SETTING): Promise<void> {
  try {
    if (preferred !== undefined) {
      try {
        return await listenOn(server, preferred, host);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      }
    }
    return await listenOn(server, port, host);
  } catch (error) {
    throw listenError(error as NodeJS.ErrnoException, host, port, setting);
  }
}

function listenOn(server: NetServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Why the provider cannot listen, as bad input (AUTHFAULT_LISTEN_FAILED, exit 2) saying what to
 * change; the errno stays on `cause`. Anything else is authfault's own failure and stays as it is.
 */
function listenError(error: NodeJS.ErrnoException, host: string, port: number, choose: string): Error {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const reason: Record<string, string> = {
    EADDRINUSE: `port ${port} is already in use on ${host} (another authfault idp, or another program): stop that program, or ${choose}`,
    EACCES: `port ${port} needs privileges this process does not have (ports below 1024 usually do): ${choose}`,
    EADDRNOTAVAIL: `${host} is not an address of this machine: bind 127.0.0.1 (the default), 0.0.0.0 for every interface, or one of this machine's addresses (--host, provider.host)`,
    ENOTFOUND: `the host "${host}" does not resolve to an address of this machine: use an IP address (--host, provider.host)`,
  };
  const message = error.code ? reason[error.code] : undefined;
  if (!message) return error;
  return Object.assign(new AuthfaultError('AUTHFAULT_LISTEN_FAILED', `cannot listen on ${where}: ${message}`), { cause: error });
}
