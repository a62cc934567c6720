import express from 'express';
import { resolveProviderConfig } from './config/resolve.js';
import type { ProviderConfig } from './config/schema.js';
import { Journal } from './control/journal.js';
import { newSeed } from './faults/random.js';
import { createIssuer, type Issuer } from './issuer.js';
import { startListener } from './listener.js';
import { loadSigningKey } from './provider/keys.js';
import { loadOidcProvider } from './provider/load-oidc-provider.js';
import { TenantFactory } from './tenants/create-tenant.js';
import { tenantDispatch } from './tenants/dispatch.js';
import { TenantRegistry } from './tenants/registry.js';
import type { MockProviderHandle } from './types.js';

export type MockProviderOptions = ProviderConfig;

/**
 * Start a mock OpenID Provider on 127.0.0.1 (port 0 by default: a free port).
 *
 * Its default issuer is `{origin}/default`; any other path `/{name}/…` is an issuer of its own
 * (a tenant, created on first use with its own keys, clients, users and faults): `idp.tenant(name)`.
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
  const app = express();
  app.disable('x-powered-by');
  const journal = new Journal();
  const listener = await startListener(app, config, journal);

  const registry: TenantRegistry = new TenantRegistry({
    tenancy: config.tenants,
    reserved: { issuer: config.path, api: config.api.path },
    create: (name) => factory.create(name),
  });
  const factory = new TenantFactory({ Provider, config, seed, listener, registry });
  const main: Issuer = createIssuer({
    Provider,
    config,
    key,
    seed,
    issuer: config.issuer ?? `${listener.origin}${config.path}`,
    listener,
    adminPath: '/__authfault',
    journal,
    registry,
    async close() {
      await registry.closeAll();
      main.dispose();
      await listener.close();
    },
    // A reload is a new config for the process: every tenant, and those created later, take it.
    onReconfigure: (input) => {
      factory.reconfigure(input);
      registry.reconfigure(input);
    },
  });

  if (listener.requestArrived) app.use(listener.requestArrived);
  app.use(tenantDispatch(registry));
  app.use(main.router);
  return main.handle;
}
