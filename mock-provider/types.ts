import type { JournalEntry } from './control/journal.js';
import type { ClientConfig, UserConfig } from './config/schema.js';
import type { FaultView } from './faults/store.js';

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
  readonly clients: readonly ClientConfig[];
  readonly users: readonly UserConfig[];
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
