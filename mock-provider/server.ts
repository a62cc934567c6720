import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type Provider from 'oidc-provider';
import { adminRouter } from './control/admin-api.js';
import { ControlEvents } from './control/events.js';
import { applyConfig } from './control/reconfigure.js';
import { Journal } from './control/journal.js';
import { resolveProviderConfig } from './config/resolve.js';
import type { ProviderConfig } from './config/schema.js';
import { newSeed } from './faults/random.js';
import { FaultStore } from './faults/store.js';
import { FaultEngine } from './inject/engine.js';
import { recordOf } from './inject/request-context.js';
import { tokenTools } from './inject/token-tools.js';
import { interactionRouter } from './interactions/routes.js';
import { releaseRuntimeClaims, UserList } from './provider/accounts.js';
import { MemoryStore } from './provider/adapter.js';
import { loadSigningKey } from './provider/keys.js';
import { loadOidcProvider } from './provider/load-oidc-provider.js';
import { oidcConfiguration } from './provider/oidc-config.js';
import { createResourceApi } from './resource-api/index.js';
import type { MockProviderHandle } from './types.js';

export type MockProviderOptions = ProviderConfig;

/**
 * Start a mock OpenID Provider on 127.0.0.1 (port 0 by default: a free port).
 *
 * @example
 * const idp = await createMockProvider({ clients: [{ client_id: 'app', client_secret: 's', redirect_uris: ['http://127.0.0.1:3000/cb'] }] });
 * idp.faults.add({ kind: 'state.tampered' });
 * // ... drive your app against idp.issuer ...
 * await idp.close();
 */
export async function createMockProvider(options: MockProviderOptions = {}): Promise<MockProviderHandle> {
  const config = resolveProviderConfig(options);
  const [Provider, key] = await Promise.all([loadOidcProvider(), loadSigningKey(config.keysFile)]);
  const seed = config.seed ?? newSeed();
  const clients = config.clients;
  // The handle owns both lists; everything else reads them live, so edits and reloads apply at once.
  const users = UserList.from(config.users) as UserList;
  const store = new MemoryStore(() => clients);
  const journal = new Journal();
  const events = new ControlEvents();
  journal.subscribe((entry, phase) => events.emit({ type: 'journal', phase, entry }));
  users.onChange(() => events.emit({ type: 'users', users: [...users] }));
  const tools = tokenTools(key, store, (id) => clients.find((c) => c.client_id === id)?.client_secret);

  const app = express();
  app.disable('x-powered-by');
  // TLS code (and its X.509 library) loads only when HTTPS is asked for: plain starts stay fast.
  const tlsModules = config.https ? await loadTls() : undefined;
  const tls = tlsModules && config.https ? await tlsModules.createRunTls(config.https) : undefined;
  const listeners = tlsModules && tls ? new tlsModules.TlsListeners(app, tls.valid, journal) : undefined;
  // With HTTPS the issuer's origin is the back channel; the browser gets a front channel of its own.
  const server = listeners ? listeners.back : createServer(app);
  await listen(server, config.port, config.host);
  if (listeners) await listen(listeners.front, config.https?.frontPort ?? 0, config.host);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const scheme = tls ? 'https' : 'http';
  const at = (s: Server) => `${scheme}://${host}:${(s.address() as AddressInfo).port}`;
  const origin = config.issuer ? new URL(config.issuer).origin : at(server);
  const issuer = config.issuer ?? `${origin}${config.path}`;
  const frontOrigin = listeners ? at(listeners.front) : origin;
  const faults = new FaultStore(seed, {
    provider: { clients, ...(tls && listeners ? { tls: { hosts: tls.hosts, ...tlsModules!.issuers(tls), serve: (cert, onConnection) => listeners.serve(cert, onConnection) } } : {}) },
    tools,
  });

  const engine = new FaultEngine(faults, journal, tools, config.path, {
    issuer,
    redirectAllowed: (clientId, uri) => clients.some((c) => c.client_id === clientId && c.redirect_uris.includes(uri)),
  }, config.api.path);
  const provider: Provider = new Provider(
    issuer,
    oidcConfiguration({
      config,
      store,
      key,
      users: () => users,
      interactionBase: config.path,
      filterScopes: (req, scopes) => {
        const record = recordOf(req);
        return record ? engine.grantScopes(record.fault, scopes, record.entry) : scopes;
      },
    }),
  );
  engine.attach(provider);
  releaseRuntimeClaims(provider, users);
  if (listeners) provider.use(tlsModules!.frontChannelDiscovery(origin, frontOrigin) as Parameters<Provider['use']>[0]);
  const callback = provider.callback();
  const apiUrl = `${origin}${config.api.path}`;
  const api = createResourceApi({
    config: config.api,
    provider,
    issuer,
    resource: apiUrl,
    publicKeys: () => [tools.signingKey().publicJwk],
    epoch: tools.epoch,
    faults: (req, call) => engine.apiRefusal(req, call),
  });

  const handle: MockProviderHandle = {
    issuer,
    origin,
    admin: `${origin}/__authfault`,
    api: apiUrl,
    ...(tls ? { ca: { path: tls.caPath, pem: tls.ca.certPem }, frontOrigin } : {}),
    seed,
    clients,
    users,
    reconfigure(input) {
      const change = applyConfig({ clients, users }, input);
      events.emit({ type: 'clients', clients: [...clients] });
      return change;
    },
    faults: {
      add: async (fault) => faultsChanged(await faults.add(fault)),
      list: () => faults.list(),
      remove: (id) => faultsChanged(faults.remove(id)),
      clear: () => {
        faults.clear();
        engine.releaseHung();
        faultsChanged(undefined);
      },
    },
    journal: {
      entries: (since) => journal.entries(since),
      get lastId() {
        return journal.lastId;
      },
      clear: () => {
        journal.clear();
        events.emit({ type: 'journal-cleared' });
      },
    },
    reset() {
      handle.faults.clear();
      journal.clear();
      store.clear();
      api.reset();
      events.emit({ type: 'reset' });
    },
    async close() {
      engine.releaseHung();
      store.close();
      await Promise.all([server, ...(listeners ? [listeners.front] : [])].map(close));
      await tls?.dispose();
    },
  };

  function faultsChanged<T>(result: T): T {
    events.emit({ type: 'faults', faults: faults.list() });
    return result;
  }

  if (listeners) app.use((req, _res, next) => (listeners.requestArrived(req.socket), next()));
  app.use(config.api.path, api.recorder);
  app.use(engine.middleware());
  app.use('/__authfault', adminRouter(() => handle, config.adminToken, events));
  app.use(`${config.path}/interaction`, interactionRouter(() => provider, () => users));
  app.use(config.api.path, api.router);
  app.use(config.path, (req, res) => {
    callback(req, res);
  });
  return handle;
}

async function loadTls() {
  const [run, listeners, front] = await Promise.all([import('./tls/run-tls.js'), import('./tls/listeners.js'), import('./tls/front-channel.js')]);
  return { createRunTls: run.createRunTls, issuers: run.issuers, TlsListeners: listeners.TlsListeners, frontChannelDiscovery: front.frontChannelDiscovery };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
