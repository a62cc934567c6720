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
