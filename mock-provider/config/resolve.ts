import { AuthfaultError } from '../util/errors.js';
import { issuesInOneLine, type Issue } from '../util/issues.js';
import { issuesFromZod } from '../util/zod-issues.js';
import { randomBytes } from 'node:crypto';
import { DEFAULTS, type ResolvedApiConfig, type ResolvedProviderConfig, type ResolvedTenancy } from './defaults.js';
import { apiKeySchema, apiRouteSchema, clientSchema, providerConfigSchema, type ClientConfig, type ProviderConfig } from './schema.js';

/** Validate a user's provider config and lay it over the defaults. Throws AUTHFAULT_CONFIG_INVALID. */
export function resolveProviderConfig(input: ProviderConfig = {}): ResolvedProviderConfig {
  const parsed = providerConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error, providerConfigSchema, input);
    throw new AuthfaultError('AUTHFAULT_CONFIG_INVALID', `invalid provider config: ${issuesInOneLine(issues)}`, issues);
  }
  const c = parsed.data;
  const api = resolveApi(c.api);
  const path = c.path ?? DEFAULTS.path;
  if (api.path === path || api.path === '/__authfault' || api.path.startsWith(`${path}/`)) {
    const where = api.path === '/__authfault' ? 'the control API' : `the issuer path "${path}"`;
    const issues: Issue[] = [{ code: 'PATH_OVERLAP', path: ['api', 'path'], message: `"${api.path}" would overlap ${where}; choose another base path such as "/api"` }];
    throw new AuthfaultError('AUTHFAULT_CONFIG_INVALID', `invalid provider config: ${issuesInOneLine(issues)}`, issues);
  }
  return {
    host: c.host ?? DEFAULTS.host,
    port: c.port ?? DEFAULTS.port,
    path,
    ...(c.issuer ? { issuer: c.issuer.replace(/\/$/, '') } : {}),
    allowedHosts: (c.allowed_hosts ?? []).map((h) => h.toLowerCase()),
    clients: (c.clients ?? DEFAULTS.clients).map((client) => withSecret(clientSchema.parse(client))),
    users: [...(c.users ?? DEFAULTS.users)],
    ...(c.keys ? { keysFile: c.keys.file } : {}),
    ...(c.state ? { stateDir: c.state } : {}),
    accessTokenFormat: c.access_token_format ?? 'opaque',
    ...(c.seed ? { seed: c.seed } : {}),
    ...(c.admin ? { adminToken: c.admin.token } : {}),
    ...(c.https ? { https: c.https === true ? {} : { ...(c.https.ca ? { ca: c.https.ca } : {}), ...(c.https.hosts ? { hosts: c.https.hosts } : {}), ...(c.https.front_port !== undefined ? { frontPort: c.https.front_port } : {}) } } : {}),
    ttl: { ...DEFAULTS.ttl, ...c.ttl },
    api,
    tenants: resolveTenancy(c.tenants),
  };
}

/** `provider.tenants` over its defaults (the CLI's banner reads it too). */
export function resolveTenancy(input: ProviderConfig['tenants']): ResolvedTenancy {
  const given = typeof input === 'object' ? input : { on_demand: input ?? DEFAULTS.tenants.onDemand };
  return { onDemand: given.on_demand ?? DEFAULTS.tenants.onDemand, max: given.max ?? DEFAULTS.tenants.max };
}

/** The API section over its defaults; given routes or keys replace the default ones entirely. */
function resolveApi(input: ProviderConfig['api']): ResolvedApiConfig {
  const d = DEFAULTS.api;
  const routes = input?.routes ? input.routes.map((r) => apiRouteSchema.parse(r)) : d.routes.map((r) => structuredClone(r));
  const keys = (input?.keys ? input.keys.map((k) => apiKeySchema.parse(k)) : d.keys.map((k) => ({ ...k }))).map((k) => ({ ...k, prefix: k.prefix ?? `af_${k.environment}_` }));
  return { path: input?.path ?? d.path, environment: input?.environment ?? d.environment, header: input?.header ?? d.header, routes, keys };
}

/** Confidential clients are the default (as in Keycloak); one without a secret gets one per run. */
export function withSecret(client: ClientConfig): ClientConfig {
  if (client.public || client.token_endpoint_auth_method === 'none') {
    const { client_secret: _ignored, ...rest } = client;
    return { ...rest, public: true, token_endpoint_auth_method: 'none' };
  }
  return client.client_secret ? client : { ...client, client_secret: `${client.client_id}-${randomBytes(12).toString('base64url')}` };
}
