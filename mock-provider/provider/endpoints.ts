import type { InjectionPoint } from '../faults/types.js';

/**
 * Which injection point a path under the issuer is. These are oidc-provider's default routes;
 * they are matched before routing, when oidc-provider has not yet said which route it is.
 */
const ROUTES: readonly [RegExp, InjectionPoint][] = [
  [/^\/\.well-known\/openid-configuration$/, 'discovery'],
  [/^\/jwks$/, 'jwks'],
  [/^\/auth(\/[^/]+)?$/, 'authorize'],
  [/^\/token$/, 'token'],
  [/^\/token\/introspection$/, 'introspection'],
  [/^\/token\/revocation$/, 'revocation'],
  [/^\/me$/, 'userinfo'],
  [/^\/session\/end(\/confirm|\/success)?$/, 'end_session'],
];

export function pointForIssuerPath(path: string): InjectionPoint | undefined {
  for (const [pattern, point] of ROUTES) if (pattern.test(path)) return point;
  return undefined;
}
