import type Provider from 'oidc-provider';
import type { ResolvedProviderConfig } from '../config/defaults.js';
import type { ClientConfig } from '../config/schema.js';
import { applyConfig, type ReconfigureInput } from '../config/reconfigure.js';
import type { JournalBudget } from '../control/journal-budget.js';
import { createIssuer, type Issuer } from '../issuer.js';
import type { Listener } from '../listener.js';
import { UserList } from '../provider/accounts.js';
import { loadSigningKey } from '../provider/keys.js';
import type { TenantRegistry } from './registry.js';

export interface TenantBase {
  Provider: typeof Provider;
  /** The process's config: the default issuer's, which tenants derive theirs from. */
  config: ResolvedProviderConfig;
  /** The run seed. */
  seed: string;
  listener: Listener;
  registry: TenantRegistry;
  /** The bytes every issuer's journal holds together: each tenant's journal joins it. */
  journalBudget: JournalBudget;
}

/** A tenant's seed: derived, so a run with the same seed replays each tenant's probabilistic faults too. */
export function tenantSeed(seed: string, name: string): string {
  return `${seed}/${name}`;
}

/**
 * Builds tenants from the configured clients and users. It keeps its own copy of them (the
 * template): the default issuer's lists change under faults (redirect.mismatch) and edits
 * (PATCH /users), and a new tenant starts from the config, not from another issuer's state.
 * A config reload replaces the template too.
 */
export class TenantFactory {
  readonly #template: { clients: ClientConfig[]; users: UserList };

  constructor(private readonly base: TenantBase) {
    this.#template = { clients: structuredClone(base.config.clients), users: UserList.from(structuredClone(base.config.users)) as UserList };
  }

  async create(name: string): Promise<Issuer> {
    // A key of its own, never the keys file's: a token of one issuer must not verify at another.
    const key = await loadSigningKey();
    const { Provider, config, listener } = this.base;
    const { issuer: _publicIssuer, keysFile: _keysFile, ...shared } = config;
    const path = `/${name}`;
    return createIssuer({
      Provider,
      config: {
        ...shared,
        path,
        // Copied after the key is made, so a reload during creation is not missed.
        clients: structuredClone(this.#template.clients),
        users: structuredClone([...this.#template.users]),
        api: { ...config.api, path: `${path}${config.api.path}` },
      },
      key,
      seed: tenantSeed(this.base.seed, name),
      issuer: `${listener.origin}${path}`,
      listener,
      adminPath: `${path}/__authfault`,
      tenant: name,
      registry: this.base.registry,
      journalBudget: this.base.journalBudget,
      close: async () => void (await this.base.registry.remove(name)),
    });
  }

  /** A config reload: tenants created from now on start from the new lists. */
  reconfigure(input: ReconfigureInput): void {
    applyConfig(this.#template, input);
  }
}
