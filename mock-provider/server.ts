import express from 'express';
import { DEFAULTS } from './config/defaults.js';
import { resolveProviderConfig } from './config/resolve.js';
import type { ProviderConfig } from './config/schema.js';
import { JournalBudget } from './control/journal-budget.js';
import { Journal, JOURNAL_LIMITS } from './control/journal.js';
import { newSeed } from './faults/random.js';
import { hostCheck } from './guard/host-check.js';
import { createIssuer, type Issuer } from './issuer.js';
import { lastResort, notFound } from './last-resort.js';
import { startListener, type Listener } from './listener.js';
import { loadSigningKey } from './provider/keys.js';
import { loadOidcProvider } from './provider/load-oidc-provider.js';
import { TenantFactory } from './tenants/create-tenant.js';
import { tenantDispatch } from './tenants/dispatch.js';
import { TenantRegistry } from './tenants/registry.js';
import { StateFolder } from './state/state-folder.js';
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
  const resolved = resolveProviderConfig(options);
  // Secrets the user wrote stay theirs; the state folder fills in the ones generated before.
  const withSecret = new Set((options.clients ?? DEFAULTS.clients).filter((c) => c.client_secret).map((c) => c.client_id));
  const state = resolved.stateDir ? StateFolder.open(resolved.stateDir) : undefined;
  const config = state ? state.apply(resolved, { clientsWithSecret: withSecret }) : resolved;
  const [Provider, key] = await Promise.all([loadOidcProvider(), loadSigningKey(config.keysFile)]);
  const seed = config.seed ?? newSeed();
  const app = express();
  app.disable('x-powered-by');
  const journalBudget = new JournalBudget();
  const journal = new Journal(JOURNAL_LIMITS, journalBudget);
  const listener = await startListener(app, config, journal);

  const registry: TenantRegistry = new TenantRegistry({
    tenancy: config.tenants,
    reserved: { issuer: config.path, api: config.api.path },
    create: (name) => factory.create(name),
  });
  const factory = new TenantFactory({ Provider, config, seed, listener, registry, journalBudget });
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
      state?.remember({}, main.handle.clients, withSecret);
    },
  });

  state?.remember(listenerPorts(listener), main.handle.clients, withSecret);

  if (listener.requestArrived) app.use(listener.requestArrived);
  app.use(hostCheck({ origins: [listener.origin, ...(listener.frontOrigin ? [listener.frontOrigin] : [])], names: [config.host, ...(config.https?.hosts ?? [])], allowed: config.allowedHosts }));
  app.use(tenantDispatch(registry));
  app.use(main.router);
  app.use(notFound(main.handle.issuer));
  app.use(lastResort());
  return main.handle;
}

/** The ports the listeners took, to take again next time (a state folder keeps them). */
function listenerPorts(listener: Listener): { back: number; front?: number } {
  return { back: Number(new URL(listener.origin).port), ...(listener.frontOrigin ? { front: Number(new URL(listener.frontOrigin).port) } : {}) };
}
