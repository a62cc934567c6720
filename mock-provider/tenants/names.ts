import { AuthfaultError } from '../util/errors.js';

/**
 * A tenant's name is one path segment: lower-case letters, digits, `.`, `_`, `-`, up to 63, as
 * a DNS label is. Case-sensitive, as URL paths are, and nothing that needs escaping, so a name
 * reads the same in the issuer URL, the journal and a shell.
 */
export const TENANT_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** The first segments that already belong to the default issuer, its mock API and the control API. */
export interface ReservedPaths {
  /** The default issuer's path, "/default". */
  issuer: string;
  /** The mock API's base path, "/api" (a deeper one reserves its first segment). */
  api: string;
}

/** Why `name` cannot be a tenant's, or undefined when it can. */
export function tenantNameProblem(name: string, reserved: ReservedPaths): string | undefined {
  if (!TENANT_NAME.test(name)) {
    return `"${name}" is not a tenant name: one path segment of lower-case letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63 (${TENANT_NAME.source})`;
  }
  if (name === firstSegment(reserved.issuer)) return `"${name}" is the default issuer's path, not a tenant's: the handle createMockProvider returned and /__authfault control it`;
  if (name === firstSegment(reserved.api)) return `"${name}" is the mock API's path (provider.api.path); choose another name`;
  return undefined;
}

/** The name, checked; throws AUTHFAULT_TENANT_INVALID. */
export function checkTenantName(name: unknown, reserved: ReservedPaths): string {
  const problem = typeof name === 'string' ? tenantNameProblem(name, reserved) : 'a tenant name must be a string, e.g. "tenant-a"';
  if (problem) throw new AuthfaultError('AUTHFAULT_TENANT_INVALID', problem);
  return name as string;
}

/** "/v1/api" → "v1". */
export function firstSegment(path: string): string {
  return path.split('/')[1] ?? '';
}
