import type { ResolvedTenancy } from '../config/defaults.js';
import type { ReconfigureInput } from '../config/reconfigure.js';
import type { Router } from 'express';
import type { MockProviderHandle, TenantInfo } from '../types.js';
import { AuthfaultError } from '../util/errors.js';
import { checkTenantName, tenantNameProblem, type ReservedPaths } from './names.js';

/**
 * What the registry needs of a built issuer: issuer.ts's Issuer, written here as the registry's
 * requirement so that tenants/ imports issuer.ts one way only (create-tenant.ts builds issuers).
 */
export interface RegisteredIssuer {
  readonly handle: MockProviderHandle;
  readonly router: Router;
  dispose(): void;
}

export interface TenantRegistryOptions {
  tenancy: ResolvedTenancy;
  reserved: ReservedPaths;
  /** Build the tenant `name` (a fresh key, copies of the configured lists). */
  create(name: string): Promise<RegisteredIssuer>;
}

/**
 * The tenants of one process, by name.
 *
 * - One creation per name: concurrent requests for a new name share its promise.
 * - At most `tenancy.max`, counting those being created, so a scanner walking paths cannot
 *   fill memory with issuers; past it, AUTHFAULT_TENANT_LIMIT says how to remove some.
 * - A tenant that failed to build is forgotten, so the next request tries again.
 */
export class TenantRegistry {
  readonly #ready = new Map<string, RegisteredIssuer>();
  readonly #pending = new Map<string, Promise<RegisteredIssuer>>();
  #closed = false;

  constructor(private readonly options: TenantRegistryOptions) {}

  /** The tenant, when it exists and is built. */
  get(name: string): RegisteredIssuer | undefined {
    return this.#ready.get(name);
  }

  has(name: string): boolean {
    return this.#ready.has(name);
  }

  /** The built tenants, oldest first, as the handle and the control API list them. */
  list(): TenantInfo[] {
    return [...this.#ready].map(([name, { handle }]) => ({ name, issuer: handle.issuer, admin: handle.admin, api: handle.api }));
  }

  /** The name, checked; throws AUTHFAULT_TENANT_INVALID. */
  check(name: unknown): string {
    return checkTenantName(name, this.options.reserved);
  }

  /** Whether a request to /{name}/… may create this tenant. */
  createsOnRequest(name: string): boolean {
    return this.options.tenancy.onDemand && tenantNameProblem(name, this.options.reserved) === undefined;
  }

  /** The tenant, created when it does not exist. Rejects with AUTHFAULT_TENANT_INVALID, AUTHFAULT_TENANT_LIMIT. */
  async obtain(name: string): Promise<RegisteredIssuer> {
    checkTenantName(name, this.options.reserved);
    const existing = this.#ready.get(name) ?? this.#pending.get(name);
    if (existing) return existing;
    if (this.#closed) throw new AuthfaultError('AUTHFAULT_PROVIDER_CLOSED', `the provider is closed; tenant "${name}" cannot be created`);
    const { max } = this.options.tenancy;
    if (this.#ready.size + this.#pending.size >= max) {
      throw new AuthfaultError(
        'AUTHFAULT_TENANT_LIMIT',
        `tenant "${name}" not created: this provider already has ${max} tenants, its limit (provider.tenants.max); remove some with DELETE /__authfault/tenants/{name} (GET /__authfault/tenants lists them) or close() on their handles, or raise provider.tenants.max`,
      );
    }
    const creation = this.options.create(name).then(
      (issuer) => {
        this.#pending.delete(name);
        if (this.#closed) {
          issuer.dispose();
          throw new AuthfaultError('AUTHFAULT_PROVIDER_CLOSED', `the provider closed while tenant "${name}" was being created`);
        }
        this.#ready.set(name, issuer);
        return issuer;
      },
      (error: unknown) => {
        this.#pending.delete(name);
        throw error;
      },
    );
    this.#pending.set(name, creation);
    return creation;
  }

  /** Remove a tenant (waiting for it when it is being created); false when there is none. */
  async remove(name: string): Promise<boolean> {
    await this.#pending.get(name)?.catch(() => undefined);
    const issuer = this.#ready.get(name);
    if (!issuer) return false;
    this.#ready.delete(name);
    issuer.dispose();
    return true;
  }

  /** A config reload reaches every tenant, those being created included (applying it twice changes nothing). */
  reconfigure(input: ReconfigureInput): void {
    for (const issuer of this.#ready.values()) issuer.handle.reconfigure(input);
    for (const creation of this.#pending.values()) void creation.then((issuer) => issuer.handle.reconfigure(input), () => undefined);
  }

  async closeAll(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled(this.#pending.values());
    for (const issuer of this.#ready.values()) issuer.dispose();
    this.#ready.clear();
  }
}
