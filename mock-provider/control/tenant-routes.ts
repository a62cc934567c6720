import express from 'express';
import type { TenantRegistry } from '../tenants/registry.js';
import type { TenantHandle } from '../types.js';
import { AuthfaultError } from '../util/errors.js';

/**
 * /__authfault/tenants: list, create and remove the process's tenants. Every issuer's control
 * API has these routes, acting on the same set: tenants belong to the process, not to an issuer.
 */
export function tenantRoutes(registry: TenantRegistry) {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.json({ tenants: registry.list() });
  });
  router.post('/', async (req, res) => {
    const body = req.body as { name?: unknown } | undefined;
    if (!req.is('application/json') || typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new AuthfaultError('AUTHFAULT_BAD_REQUEST', 'send {"name": "tenant-a"} as JSON, with Content-Type: application/json');
    }
    const name = registry.check(body.name);
    const existed = registry.get(name) !== undefined;
    const { handle } = await registry.obtain(name);
    const tenant = handle as TenantHandle;
    res.status(existed ? 200 : 201).json({ tenant: { name: tenant.name, issuer: tenant.issuer, admin: tenant.admin, api: tenant.api } });
  });
  router.delete('/:name', async (req, res) => {
    const name = registry.check(String(req.params.name));
    if (!(await registry.remove(name))) {
      throw new AuthfaultError('AUTHFAULT_TENANT_NOT_FOUND', `no tenant "${name}"; GET /__authfault/tenants lists them`);
    }
    res.status(204).end();
  });
  return router;
}
