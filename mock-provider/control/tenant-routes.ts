import type { MockProviderHandle, TenantHandle, TenantInfo } from '../types.js';
import { AuthfaultError } from '../util/errors.js';
import type { ControlRoute } from './route.js';

/**
 * The process's tenants as the control API and every issuer's handle use them. tenants/registry.ts
 * implements it; declared here so that control/ and issuer.ts need nothing from tenants/, which
 * builds issuers and so comes after them.
 */
export interface Tenants {
  /** The built tenants, oldest first. */
  list(): TenantInfo[];
  /** The name, checked; throws AUTHFAULT_TENANT_INVALID. */
  check(name: unknown): string;
  /** Whether the tenant exists and is built. */
  has(name: string): boolean;
  /** The tenant, created when it does not exist. */
  obtain(name: string): Promise<{ readonly handle: MockProviderHandle }>;
  /** Remove a tenant; false when there is none. */
  remove(name: string): Promise<boolean>;
}

/**
 * /__authfault/tenants: list, create and remove the process's tenants. Every issuer's control
 * API has these routes, acting on the same set: tenants belong to the process, not to an issuer.
 */
export function tenantRoutes(registry: Tenants): ControlRoute[] {
  return [
    { method: 'get', path: '/tenants', handler: (_req, res) => void res.json({ tenants: registry.list() }) },
    {
      method: 'post',
      path: '/tenants',
      shown: ' {"name"}',
      handler: async (req, res) => {
        const body = req.body as { name?: unknown } | undefined;
        if (!req.is('application/json') || typeof body !== 'object' || body === null || Array.isArray(body)) {
          throw new AuthfaultError('AUTHFAULT_BAD_REQUEST', 'send {"name": "tenant-a"} as JSON, with Content-Type: application/json');
        }
        const name = registry.check(body.name);
        const existed = registry.has(name);
        const { handle } = await registry.obtain(name);
        const tenant = handle as TenantHandle;
        res.status(existed ? 200 : 201).json({ tenant: { name: tenant.name, issuer: tenant.issuer, admin: tenant.admin, api: tenant.api } });
      },
    },
    {
      method: 'delete',
      path: '/tenants/:name',
      handler: async (req, res) => {
        const name = registry.check(String(req.params.name));
        if (!(await registry.remove(name))) {
          throw new AuthfaultError('AUTHFAULT_TENANT_NOT_FOUND', `no tenant "${name}"; GET /__authfault/tenants lists them`);
        }
        res.status(204).end();
      },
    },
  ];
}
