/**
 * What a credential may do on a route, once it is known to be genuine.
 *
 * - Scopes first: every scope the route lists must be granted, else 403 insufficient_scope naming
 *   the missing ones (RFC 6750 §3.1), the scope a new authorization request should ask for.
 * - Then roles (the `roles` claim must contain each) and claims (equal, or contained in a list
 *   claim); a miss is 403 `forbidden` with a body naming what is required and what was there.
 *   Scope and role are different questions: a refresh cannot fix either, a new consent fixes
 *   only the first.
 */
import type { ApiRouteConfig } from '../config/schema.js';
import type { ApiCredential, ApiRefusal } from '../faults/types.js';

export function authorize(route: ApiRouteConfig, credential: ApiCredential): ApiRefusal | undefined {
  const granted = new Set(credential.scopes);
  const missing = route.scopes.filter((s) => !granted.has(s));
  if (missing.length > 0) {
    const has = credential.scopes.length > 0 ? `it carries "${credential.scopes.join(' ')}"` : 'it carries no scope';
    return {
      error: 'insufficient_scope',
      scope: missing.join(' '),
      description: `this route requires scope "${route.scopes.join(' ')}"; ${has}, so "${missing.join(' ')}" is missing`,
    };
  }
  const required: Record<string, unknown> = {
    ...(route.roles.length > 0 ? { roles: route.roles } : {}),
    ...route.claims,
  };
  const roles = asList(credential.claims.roles);
  const lacking = [
    ...route.roles.filter((r) => !roles.includes(r)).map((r) => `role "${r}" (the roles claim is ${show(credential.claims.roles)})`),
    ...Object.entries(route.claims)
      .filter(([name, value]) => !holds(credential.claims[name], value))
      .map(([name, value]) => `claim ${name} = ${JSON.stringify(value)} (it is ${show(credential.claims[name])})`),
  ];
  if (lacking.length === 0) return undefined;
  return { error: 'forbidden', description: `this route requires ${lacking.join(' and ')}`, required };
}

function holds(actual: unknown, wanted: unknown): boolean {
  return Array.isArray(actual) ? actual.includes(wanted) : actual === wanted;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function show(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}
