import type { JournalEntry } from './control/journal.js';
import type { ClientConfig, UserConfig } from './config/schema.js';
import type { FaultInput, FaultSpec } from './faults/fault-input.js';
import type { FaultView } from './faults/store.js';
import type { ConfigChange, ReconfigureInput } from './config/reconfigure.js';
import type { IssuedToken, IssueTokenInput } from './provider/token-request.js';

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

/** One issuer's controls: what the default issuer and every tenant each have of their own. */
export interface IssuerHandle {
  /** The issuer identifier, e.g. http://127.0.0.1:41234/default */
  readonly issuer: string;
  /** Scheme, host and port, e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  /** The control API base, e.g. http://127.0.0.1:41234/__authfault; with HTTPS on the front channel (`frontOrigin`), whose certificate stays valid while tls.* faults break the issuer's. */
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
   * On the default issuer's handle it reaches every tenant too, and the tenants created later (a
   * reload is a new config for the whole process); on a tenant's handle, that tenant only.
   */
  reconfigure(input: ReconfigureInput): ConfigChange;
  readonly faults: {
    /**
     * Set one fault or several, all or none: written exactly as in scenario files (FaultInput), or
     * as parseFault decoded them (FaultSpec). Rejects with AUTHFAULT_FAULT_INVALID.
     * @example await idp.faults.add({ kind: 'token.expired', token: 'id_token', when: { times: 1 } });
     */
    add(fault: FaultInput | readonly FaultInput[]): Promise<FaultView[]>;
    // Apart from FaultInput: a union with FaultSpec's `kind: string` would stop TypeScript from
    // matching `{ kind }` whose kind is itself a union of names to the right members.
    add(fault: FaultSpec | readonly FaultSpec[]): Promise<FaultView[]>;
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
  /** Clear faults, journal, sessions, grants and tokens (of this issuer only). */
  reset(): void;
  /**
   * Mint a token without a sign-in, for API tests: signed by this issuer like the ones its
   * endpoints issue, so jose, openid-client and the mock API accept it. A JWT access token by
   * default (RFC 9068), audience the mock API; `format: 'opaque'` stores one
   * in the provider (introspection, userinfo); `kind: 'id_token'` for an ID token. A `sub` nobody
   * configured becomes a user with default claims. Rejects with AUTHFAULT_TOKEN_INVALID.
   * @example
   * const { token } = await idp.issueToken({ sub: 'alice', scope: 'orders:read', claims: { roles: ['admin'] }, ttl: 300 });
   * await fetch(`${idp.api}/orders`, { headers: { authorization: `Bearer ${token}` } });
   */
  issueToken(request?: IssueTokenInput): Promise<IssuedToken>;
}

/** A tenant as listed: where its issuer, control API and mock API are. */
export interface TenantInfo {
  /** The path segment, e.g. "tenant-a". */
  readonly name: string;
  /** e.g. http://127.0.0.1:41234/tenant-a */
  readonly issuer: string;
  /** Its control API and admin page, e.g. http://127.0.0.1:41234/tenant-a/__authfault */
  readonly admin: string;
  /** Its mock protected API, e.g. http://127.0.0.1:41234/tenant-a/api */
  readonly api: string;
}

/**
 * What createMockProvider returns: the running provider (its default issuer) and its controls.
 * Any other path `/{name}/…` is an issuer of its own, a tenant: see `tenant()`.
 */
/**
 * What is known of a provider once it listens, before oidc-provider is loaded and set up: enough
 * to start an app against it (createMockProvider's `onListening`). Requests that arrive before the
 * provider is ready wait for it.
 */
export type ListeningProvider = Pick<IssuerHandle, 'issuer' | 'origin' | 'admin' | 'api' | 'ca' | 'frontOrigin' | 'clients'>;

export interface MockProviderHandle extends IssuerHandle {
  /**
   * The tenant issuer `{origin}/{name}`: created now when it does not exist (as a request to
   * `/{name}/…` would create it), with a fresh signing key, a copy of the configured clients and
   * users, no faults and an empty journal. Concurrent calls for one name create it once.
   * Rejects with AUTHFAULT_TENANT_INVALID (a name not matching `^[a-z0-9][a-z0-9._-]{0,62}$`, or
   * the default issuer's or the mock API's path) and AUTHFAULT_TENANT_LIMIT (provider.tenants.max).
   * @example
   * const a = await idp.tenant('tenant-a');
   * await a.faults.add({ kind: 'token.expired' }); // tenant-a only
   * a.issuer; // http://127.0.0.1:41234/tenant-a
   */
  tenant(name: string): Promise<TenantHandle>;
  /**
   * The tenants that exist now, oldest first (the default issuer is not one).
   * @example idp.tenants().map((t) => t.name); // ['tenant-a', 'tenant-b']
   */
  tenants(): TenantInfo[];
  /**
   * On the handle createMockProvider returned: stop the provider, every tenant with it. On a
   * tenant's handle: remove that tenant only (its keys, sessions, faults and journal are gone; a
   * later request to its path creates it anew).
   */
  close(): Promise<void>;
}

/** A tenant issuer's handle: the same controls, acting on that issuer only. */
export interface TenantHandle extends MockProviderHandle {
  /** The path segment, e.g. "tenant-a". */
  readonly name: string;
}
