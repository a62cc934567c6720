import express, { type RequestHandler } from 'express';
import { DEFAULTS, type ResolvedProviderConfig } from './config/defaults.js';
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
import type { ListeningProvider, MockProviderHandle } from './types.js';

export type MockProviderOptions = ProviderConfig;

/** Where the control API lives under the origin. */
const ADMIN_PATH = '/__authfault';

/** For a harness that starts an app against the provider: what to do as soon as its URLs are known. */
export interface MockProviderHooks {
  /**
   * Called once the provider listens and before it loads oidc-provider and its signing key: an
   * app started now (another process) starts while the provider gets ready, and its first
   * requests wait until it is.
   */
  onListening?: (provider: ListeningProvider) => void;
}

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
export async function createMockProvider(options: MockProviderOptions = {}, hooks: MockProviderHooks = {}): Promise<MockProviderHandle> {
  const resolved = resolveProviderConfig(options);
  // Secrets the user wrote stay theirs; the state folder fills in the ones generated before.
  const withSecret = new Set((options.clients ?? DEFAULTS.clients).filter((c) => c.client_secret).map((c) => c.client_id));
  const state = resolved.stateDir ? StateFolder.open(resolved.stateDir) : undefined;
  const config = state ? state.apply(resolved, { clientsWithSecret: withSecret }) : resolved;
  const seed = config.seed ?? newSeed();
  const app = express();
  app.disable('x-powered-by');
  const gate = readinessGate();
  app.use(gate.middleware);
  const journalBudget = new JournalBudget();
  const journal = new Journal(JOURNAL_LIMITS, journalBudget);
  // The signing key is made off the main thread meanwhile; oidc-provider loads once the provider
  // listens, so that an app started on onListening starts while it loads rather than after.
  const keying = loadSigningKey(config.keysFile);
  keying.catch(() => undefined);
  const listener = await startListener(app, config, journal);
  try {
    hooks.onListening?.(listening(config, listener));
    const [Provider, key] = await Promise.all([loadOidcProvider(), keying]);
    const handle = serve({ app, config, state, withSecret, seed, listener, journal, journalBudget, Provider, key });
    gate.open();
    return handle;
  } catch (error) {
    gate.fail(error);
    await listener.close();
    throw error;
  }
}

interface Serving {
  app: express.Express;
  config: ResolvedProviderConfig;
  state: StateFolder | undefined;
  withSecret: Set<string>;
  seed: string;
  listener: Listener;
  journal: Journal;
  journalBudget: JournalBudget;
  Provider: Awaited<ReturnType<typeof loadOidcProvider>>;
  key: Awaited<ReturnType<typeof loadSigningKey>>;
}

/** The default issuer, its tenants and the routes, on a provider that listens. */
function serve({ app, config, state, withSecret, seed, listener, journal, journalBudget, Provider, key }: Serving): MockProviderHandle {
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
    adminPath: ADMIN_PATH,
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

/** The provider's URLs and clients as an app needs them, known once it listens. */
function listening(config: ResolvedProviderConfig, listener: Listener): ListeningProvider {
  return {
    issuer: config.issuer ?? `${listener.origin}${config.path}`,
    origin: listener.origin,
    admin: `${listener.frontOrigin ?? listener.origin}${ADMIN_PATH}`,
    api: `${listener.origin}${config.api.path}`,
    ...(listener.ca ? { ca: listener.ca, frontOrigin: listener.frontOrigin! } : {}),
    clients: config.clients,
  };
}

/**
 * Holds the requests that arrive while the provider gets ready (an app started on
 * `onListening` may ask for discovery at once) and lets them through once it is; if it never
 * gets ready they are answered 503 (the reason is the error createMockProvider rejects with).
 */
function readinessGate() {
  let ready = false;
  let settle: { open(): void; fail(error: unknown): void } = { open: () => undefined, fail: () => undefined };
  const waiting = new Promise<void>((resolve, reject) => (settle = { open: resolve, fail: reject }));
  waiting.catch(() => undefined);
  const middleware: RequestHandler = (_req, res, next) =>
    ready ? next() : waiting.then(() => next(), () => void res.status(503).type('text/plain').send('authfault: this mock provider could not start; see its error\n'));
  return {
    middleware,
    open() {
      ready = true;
      settle.open();
    },
    fail: (error: unknown) => settle.fail(error),
  };
}

/** The ports the listeners took, to take again next time (a state folder keeps them). */
function listenerPorts(listener: Listener): { back: number; front?: number } {
  return { back: Number(new URL(listener.origin).port), ...(listener.frontOrigin ? { front: Number(new URL(listener.frontOrigin).port) } : {}) };
}
