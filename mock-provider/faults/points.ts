/** Where a fault hooks in; follows the protocol, not the framework. */
export const INJECTION_POINTS = [
  'discovery',
  'jwks',
  'authorize',
  'interaction',
  'token',
  'userinfo',
  'introspection',
  'revocation',
  'end_session',
  'api',
  'transport',
] as const;
export type InjectionPoint = (typeof INJECTION_POINTS)[number];

export const CATEGORIES = [
  'tokens',
  'credentials',
  'oauth-flow',
  'tls',
  'rate-limits',
  'network',
  'clock',
  'permissions',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Where a fault applies: `when.endpoint`, else `api` for a route, else the kind's default points.
 * Here rather than beside the decoder (parse.ts): the store asks it of every request, and the
 * decoder loads the fault registry, which a provider with no fault set never needs. It takes the
 * envelope's two members it reads (When, in envelope.ts, imports this file).
 */
export function pointsOf(when: { readonly endpoint?: readonly InjectionPoint[]; readonly route?: string }, defaults: readonly InjectionPoint[]): readonly InjectionPoint[] {
  return when.endpoint ?? (when.route !== undefined ? ['api'] : defaults);
}
