import type { ApiEnvironment, ApiKeyConfig, ApiRouteConfig, ClientConfig, UserConfig } from './schema.js';

/** Every default of the provider, in one frozen place. CLI over file over these. */
export const DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 0,
  path: '/default',
  clients: Object.freeze([
    Object.freeze({
      client_id: 'demo-app',
      client_secret: 'demo-app-secret-not-for-production',
      redirect_uris: [],
      post_logout_redirect_uris: [],
      // Zero-config sign-in: any app on this machine, whatever its port (configured clients stay exact).
      any_loopback_redirect_uri: true,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      require_consent: false,
      public: false,
    }),
  ]) as readonly ClientConfig[],
  users: Object.freeze([
    Object.freeze({ id: 'alice', name: 'Alice Example', given_name: 'Alice', family_name: 'Example', email: 'alice@example.com', email_verified: true }),
    Object.freeze({ id: 'bob', name: 'Bob Example', given_name: 'Bob', family_name: 'Example', email: 'bob@example.com', email_verified: true }),
  ]) as readonly UserConfig[],
  // A bound on tenants, so a scanner walking paths cannot fill memory with issuers.
  tenants: Object.freeze({ onDemand: true, max: 100 }),
  ttl: Object.freeze({ access_token: 3600, id_token: 3600, refresh_token: 14 * 24 * 3600, code: 60 }),
  api: Object.freeze({
    path: '/api',
    environment: 'test' as ApiEnvironment,
    header: 'X-API-Key',
    routes: Object.freeze([
      route({ method: 'GET', path: '/me', scopes: ['openid'], response: { sub: '{sub}', client_id: '{client_id}', scope: '{scope}' } }),
      route({
        method: 'GET',
        path: '/orders',
        scopes: ['orders:read'],
        response: {
          orders: [
            { id: 'ord_1001', item: 'Blue mug', quantity: 2, total: '24.00 EUR' },
            { id: 'ord_1002', item: 'Tea towel', quantity: 1, total: '9.50 EUR' },
          ],
        },
      }),
      route({ method: 'POST', path: '/orders', scopes: ['orders:write'], status: 201, response: { id: 'ord_1003', status: 'created' } }),
      route({ method: 'GET', path: '/admin', claims: { role: 'admin' }, response: { admin: true, sub: '{sub}' } }),
    ]) as readonly ApiRouteConfig[],
    keys: Object.freeze([
      Object.freeze({ key: 'af_test_demo_0123456789abcdef', environment: 'test', prefix: 'af_test_', revoked: false }),
      Object.freeze({ key: 'af_live_demo_0123456789abcdef', environment: 'live', prefix: 'af_live_', revoked: false }),
      Object.freeze({ key: 'af_test_revoked_0123456789ab', environment: 'test', prefix: 'af_test_', revoked: true }),
    ]) as readonly ApiKeyConfig[],
  }),
});

function route(r: Partial<ApiRouteConfig> & Pick<ApiRouteConfig, 'path'>): ApiRouteConfig {
  return Object.freeze({ method: 'GET', scopes: [], roles: [], claims: {}, auth: ['bearer', 'api-key'], status: 200, ...r });
}

/** The mock API after defaults: base path, environment, key header, routes and keys (prefixes filled in). */
export interface ResolvedApiConfig {
  path: string;
  environment: ApiEnvironment;
  header: string;
  routes: ApiRouteConfig[];
  keys: (ApiKeyConfig & { prefix: string })[];
}

/** The configuration after defaults are applied: what the rest of the provider reads. */
export interface ResolvedProviderConfig {
  host: string;
  port: number;
  path: string;
  issuer?: string;
  /** Host names served besides IP addresses, localhost and the issuer's (`provider.allowed_hosts`). */
  allowedHosts: string[];
  clients: ClientConfig[];
  users: UserConfig[];
  keysFile?: string;
  seed?: string;
  adminToken?: string;
  https?: {
    ca?: { cert: string; key: string };
    /** A CA kept in these files: loaded when they exist, made and written when they do not (a state folder's). */
    keepCa?: { cert: string; key: string };
    hosts?: string[];
    frontPort?: number;
  };
  /** Ports to take again when still free, for listeners the config let choose freely (a state folder's). */
  preferredPorts?: { back?: number; front?: number };
  /** Where the provider keeps its local identity between runs (`provider.state`). */
  stateDir?: string;
  /** What an access token asked for without a resource is: opaque, or a JWT for the mock API. */
  accessTokenFormat: 'opaque' | 'jwt';
  ttl: { access_token: number; id_token: number; refresh_token: number; code: number };
  api: ResolvedApiConfig;
  tenants: ResolvedTenancy;
}

/** Issuers besides the default one: whether a request creates them, and how many there may be. */
export interface ResolvedTenancy {
  onDemand: boolean;
  max: number;
}
