import { createServer, type Server } from 'node:http';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import type { Express, RequestHandler } from 'express';
import type Provider from 'oidc-provider';
import type { ResolvedProviderConfig } from './config/defaults.js';
import type { Journal } from './control/journal.js';
import type { TlsControl } from './faults/types.js';

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
  await listen(listeners.ports.front, config.https.frontPort ?? 0, config.host, config.preferredPorts?.front);
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
  const host = configuredHost.includes(':') ? `[${configuredHost}]` : configuredHost;
  return `${scheme}://${host}:${(server.address() as AddressInfo).port}`;
}

function close(server: NetServer): Promise<void> {
  if ('closeAllConnections' in server) (server as Server).closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Listen on `port`; a `preferred` port (kept from an earlier run) first, when it is still free. */
async function listen(server: NetServer, port: number, host: string, preferred?: number): Promise<void> {
  if (preferred !== undefined) {
    try {
      return await listenOn(server, preferred, host);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  return listenOn(server, port, host);
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
