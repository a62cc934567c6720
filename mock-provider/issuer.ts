import express, { type Router } from 'express';
import type Provider from 'oidc-provider';
import type { ResolvedProviderConfig } from './config/defaults.js';
import { adminRouter } from './control/admin-api.js';
import type { Tenants } from './control/tenant-routes.js';
import { ControlEvents } from './control/events.js';
import type { JournalBudget } from './control/journal-budget.js';
import { Journal, JOURNAL_LIMITS } from './control/journal.js';
import { applyConfig, type ReconfigureInput } from './config/reconfigure.js';
import { FaultStore } from './faults/store.js';
import type { RequestEnv } from './faults/types.js';
import { FaultEngine } from './inject/engine.js';
import { recordOf } from './inject/request-context.js';
import { tokenTools } from './inject/token-tools.js';
import { interactionRouter } from './interactions/routes.js';
import type { Listener } from './listener.js';
import { releaseRuntimeClaims, UserList } from './provider/accounts.js';
import { MemoryStore } from './provider/adapter.js';
import { allowLoopbackRedirects, debuggerPage, isLoopbackUri } from './provider/loopback-redirects.js';
import { refuseExpiredAccessTokens } from './provider/strict-expiry.js';
import type { SigningKey } from './provider/keys.js';
import { mintToken } from './provider/mint-token.js';
import { oidcConfiguration } from './provider/oidc-config.js';
import { PublishedKeys } from './provider/published-keys.js';
import { createResourceApi } from './resource-api/index.js';
import { withinJsonLimits } from './util/json-limits.js';
import type { MockProviderHandle, TenantHandle } from './types.js';

export interface IssuerInput {
  Provider: typeof Provider;
  /** This issuer's config: its `path` and `api.path`, and its own `clients` list (live: edited in place). */
  config: ResolvedProviderConfig;
  key: SigningKey;
  seed: string;
  issuer: string;
  listener: Listener;
  /** Where its control API is: "/__authfault", "/tenant-a/__authfault". */
  adminPath: string;
  /** The default issuer's journal is made before the listener, which journals TLS connections in it. */
  journal?: Journal;
  /** The bytes every issuer's journal of the process holds together; a tenant's journal joins it. */
  journalBudget?: JournalBudget;
  /** A tenant's name; absent for the default issuer. */
  tenant?: string;
  /** The process's tenants: every issuer's handle and control API reach the same set. */
  registry: Tenants;
  /** What the handle's `close()` does: stop the process (default issuer), remove the tenant (a tenant). */
  close(): Promise<void>;
  /** Called once this issuer applied a reconfigure, with its clients as resolved (the default issuer passes them on to the tenants). */
  onReconfigure?: (input: ReconfigureInput) => void;
}

/** One issuer: its handle, the router that serves its paths, and how to let it go. */
export interface Issuer {
  readonly handle: MockProviderHandle;
  /** Serves the issuer's paths (absolute: use it unmounted); anything else passes on. */
  readonly router: Router;
  /** Release hung connections and stop timers. */
  dispose(): void;
}

/**
 * One issuer of the process: its oidc-provider, signing key, storage, journal, faults and
 * engine, login pages, mock API and control API. The default issuer and every tenant are built
 * here alike; only their paths, keys and lists differ. Built in three steps: the parts, the
 * handle over them, the router that serves them.
 */
export function createIssuer(input: IssuerInput): Issuer {
  const parts = issuerParts(input);
  const handle = issuerHandle(input, parts);
  const { config, adminPath, registry } = input;
  const { api, engine, events, provider, users, store } = parts;
  const callback = provider.callback();
  const router = express.Router();
  router.use(config.api.path, api.recorder);
  router.use(engine.middleware());
  router.use(adminPath, adminRouter(() => handle, config.adminToken, events, registry));
  router.use(`${config.path}/interaction`, interactionRouter(() => provider, () => users));
  router.use(config.api.path, api.router);
  router.use(config.path, (req, res) => {
    callback(req, res);
  });
  return {
    handle,
    router,
    dispose() {
      engine.releaseHung();
      store.close();
      parts.journal.close();
    },
  };
}

type IssuerParts = ReturnType<typeof issuerParts>;

/** What an issuer is made of, wired together: lists, storage, journal, faults and their engine, the provider, the mock API. */
function issuerParts(input: IssuerInput) {
  const { config, key, seed, issuer, listener, adminPath, tenant } = input;
  const { origin } = listener;
  const clients = config.clients;
  // The handle owns both lists; everything else reads them live, so edits and reloads apply at once.
  const users = UserList.from(config.users) as UserList;
  const store = new MemoryStore(() => clients);
  const journal = input.journal ?? new Journal(JOURNAL_LIMITS, input.journalBudget);
  const events = new ControlEvents();
  journal.subscribe((entry, phase) => events.emit({ type: 'journal', phase, entry }));
  users.onChange(() => events.emit({ type: 'users', users: [...users] }));
  const tools = tokenTools(key, store, (id) => clients.find((c) => c.client_id === id)?.client_secret);

  const published = new PublishedKeys(tools.signingKey());
  const faults = new FaultStore(seed, {
    provider: {
      clients,
      keys: published,
      ...(listener.tls && !tenant ? { tls: listener.tls } : {}),
      ...(tenant ? { tenant: { name: tenant, https: !!listener.tls } } : {}),
    },
    tools,
  });
  const paths = { issuer: config.path, api: config.api.path, admin: adminPath };
  const ownPage = debuggerPage(adminPath, [origin, ...(listener.frontOrigin ? [listener.frontOrigin] : [])]);
  const env: Omit<RequestEnv, 'random'> = {
    issuer,
    redirectAllowed: (clientId, uri) =>
      ownPage(uri) || clients.some((c) => c.client_id === clientId && (c.redirect_uris.includes(uri) || (c.any_loopback_redirect_uri && isLoopbackUri(uri)))),
  };
  const engine = new FaultEngine(faults, journal, tools, paths, env, (socket) => listener.resetConnection(socket));
  const provider = new input.Provider(
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
      ...(tenant ? { tenant } : {}),
      redirectFaulted: (req) => recordOf(req)?.entry.faults.some((f) => f.kind === 'redirect.mismatch') ?? false,
    }),
  );
  engine.attach(provider);
  releaseRuntimeClaims(provider, users);
  refuseExpiredAccessTokens(provider);
  allowLoopbackRedirects(provider, () => clients, ownPage);
  if (listener.frontChannel) provider.use(listener.frontChannel);
  const apiUrl = `${origin}${config.api.path}`;
  const api = createResourceApi({
    config: config.api,
    provider,
    issuer,
    resource: apiUrl,
    publicKeys: () => published.published(),
    epoch: tools.epoch,
    faults: (req, call) => engine.apiRefusal(req, call),
  });
  return { clients, users, store, journal, events, tools, faults, engine, provider, api, apiUrl };
}

/** The handle of an issuer: its URLs and lists, and the controls over its parts. */
function issuerHandle(input: IssuerInput, parts: IssuerParts): MockProviderHandle {
  const { config, key, seed, issuer, listener, adminPath, tenant, registry } = input;
  const { clients, users, store, journal, events, tools, faults, engine, provider, api, apiUrl } = parts;
  const faultsChanged = <T>(result: T): T => {
    events.emit({ type: 'faults', faults: faults.list() });
    return result;
  };
  const handle: MockProviderHandle = {
    issuer,
    origin: listener.origin,
    // With HTTPS the control API is reached on the front channel, whose certificate a tls.* fault never breaks.
    admin: `${listener.frontOrigin ?? listener.origin}${adminPath}`,
    api: apiUrl,
    ...(listener.ca ? { ca: listener.ca, frontOrigin: listener.frontOrigin! } : {}),
    seed,
    clients,
    users,
    reconfigure(next) {
      const change = applyConfig({ clients, users }, next);
      events.emit({ type: 'clients', clients: [...clients] });
      // Passed on resolved: a client written without a secret gets the one generated here, in every issuer.
      input.onReconfigure?.({ ...(next.clients ? { clients: structuredClone(clients) } : {}), ...(next.users ? { users: next.users } : {}) });
      return change;
    },
    faults: {
      add: async (fault: unknown) => faultsChanged(await faults.add(withinJsonLimits(fault, 'AUTHFAULT_FAULT_INVALID', 'the fault'))),
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
    issueToken: async (request) => mintToken(withinJsonLimits(request, 'AUTHFAULT_TOKEN_INVALID', 'the token request'), { provider, issuer, api: apiUrl, key: () => key, clients, users, ttl: config.ttl, epoch: tools.epoch }),
    tenant: async (name) => (await registry.obtain(name)).handle as TenantHandle,
    tenants: () => registry.list(),
    close: input.close,
    ...(tenant ? { name: tenant } : {}),
  };
  return handle;
}
