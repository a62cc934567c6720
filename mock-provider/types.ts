import type { JournalEntry } from './control/journal.js';
import type { ClientConfig, UserConfig } from './config/schema.js';
import type { FaultView } from './faults/store.js';
import type { ConfigChange, ReconfigureInput } from './control/reconfigure.js';

/**
 * The provider's users: read it like an array (it is live); change it while the provider runs.
 * A change takes effect at the next login, token or userinfo call.
 */
export interface Users extends ReadonlyArray<UserConfig> {
  /** The user with this id. */
  get(id: string): UserConfig | undefined;
  /** Create or replace a user, written as under `provider.users`. Throws AUTHFAULT_USER_INVALID. */
  set(user: unknown): UserConfig;
  /** A JSON merge patch: fields replace, null removes, `claims` merge. Throws AUTHFAULT_USER_NOT_FOUND, AUTHFAULT_USER_INVALID. */
  patch(id: string, changes: unknown): UserConfig;
  /** false when there was no such user. */
  remove(id: string): boolean;
}

/** What createMockProvider returns: the running provider and its controls. */
export interface MockProviderHandle {
  /** The issuer identifier, e.g. http://127.0.0.1:41234/default */
  readonly issuer: string;
  /** Scheme, host and port, e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  /** The control API base, e.g. http://127.0.0.1:41234/__authfault */
  readonly admin: string;
  /** The mock protected API's base URL, e.g. http://127.0.0.1:41234/api (the `{api}` placeholder; its resource indicator). */
  readonly api: string;
  /** With HTTPS: the run CA (its PEM and a file holding it, for NODE_EXTRA_CA_CERTS and the like). */
  readonly ca?: { path: string; pem: string };
  /** With HTTPS: the origin the browser uses (authorization, login, logout); always a valid certificate. */
  readonly frontOrigin?: string;
  /** The seed of this run's probabilistic faults. */
  readonly seed: string;
  /** The registered clients (live: reconfigure changes them in place). */
  readonly clients: readonly ClientConfig[];
  /**
   * The users (live).
   * @example idp.users.patch('alice', { claims: { department: 'sales' } });
   */
  readonly users: Users;
  /**
   * Replace clients and/or users, written as under `provider:` (what a config reload does); all
   * validated first (AUTHFAULT_CONFIG_INVALID), then applied in place. Keys, sessions and faults stay.
   */
  reconfigure(input: ReconfigureInput): ConfigChange;
  readonly faults: {
    /** Set one fault or several, written exactly as in scenario files. Rejects with AUTHFAULT_FAULT_INVALID. */
    add(fault: unknown): Promise<FaultView[]>;
    list(): FaultView[];
    remove(id: string): boolean;
    /** Remove every fault and release connections held by hangs. */
    clear(): void;
  };
  readonly journal: {
    /** Requests after the entry with this id (0: all). */
    entries(since?: number): JournalEntry[];
    readonly lastId: number;
    clear(): void;
  };
  /** Clear faults, journal, sessions, grants and tokens. */
  reset(): void;
  close(): Promise<void>;
}
