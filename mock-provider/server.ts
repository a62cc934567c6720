import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type Provider from 'oidc-provider';
import { adminRouter } from './control/admin-api.js';
import { Journal } from './control/journal.js';
import { resolveProviderConfig } from './config/resolve.js';
import type { ProviderConfig } from './config/schema.js';
import { newSeed } from './faults/random.js';
import { FaultStore } from './faults/store.js';
import { FaultEngine } from './inject/engine.js';
import { recordOf } from './inject/request-context.js';
import { tokenTools } from './inject/token-tools.js';
import { interactionRouter } from './interactions/routes.js';
import { MemoryStore } from './provider/adapter.js';
import { loadSigningKey } from './provider/keys.js';
import { loadOidcProvider } from './provider/load-oidc-provider.js';
import { oidcConfiguration } from './provider/oidc-config.js';
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
  const users = config.users;
  const store = new MemoryStore(() => clients);
  const journal = new Journal();
  const tools = tokenTools(key, store, (id) => clients.find((c) => c.client_id === id)?.client_secret);
  const faults = new FaultStore(seed, { provider: { clients }, tools });

  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);
  await listen(server, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const origin = config.issuer ? new URL(config.issuer).origin : `http://${host}:${port}`;
  const issuer = config.issuer ?? `${origin}${config.path}`;

  const engine = new FaultEngine(faults, journal, tools, config.path, {
    issuer,
    redirectAllowed: (clientId, uri) => clients.some((c) => c.client_id === clientId && c.redirect_uris.includes(uri)),
  });
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
  const callback = provider.callback();

  const handle: MockProviderHandle = {
    issuer,
    origin,
    admin: `${origin}/__authfault`,
    seed,
    clients,
    users,
    faults: {
      add: (fault) => faults.add(fault),
      list: () => faults.list(),
      remove: (id) => faults.remove(id),
      clear: () => {
        faults.clear();
        engine.releaseHung();
      },
    },
    journal: {
      entries: (since) => journal.entries(since),
      get lastId() {
        return journal.lastId;
      },
      clear: () => journal.clear(),
    },
    reset() {
      handle.faults.clear();
      journal.clear();
      store.clear();
    },
    async close() {
      engine.releaseHung();
      store.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  app.use(engine.middleware());
  app.use('/__authfault', adminRouter(() => handle, config.adminToken));
  app.use(`${config.path}/interaction`, interactionRouter(() => provider, () => users));
  app.use(config.path, (req, res) => {
    callback(req, res);
  });
  return handle;
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
