import { fromZod, type FaultIssue } from '../faults/parse.js';
import { AuthfaultError } from '../util/errors.js';
import { randomBytes } from 'node:crypto';
import { DEFAULTS, type ResolvedProviderConfig } from './defaults.js';
import { clientSchema, providerConfigSchema, type ClientConfig, type ProviderConfig } from './schema.js';

/** Validate a user's provider config and lay it over the defaults. Throws AUTHFAULT_CONFIG_INVALID. */
export function resolveProviderConfig(input: ProviderConfig = {}): ResolvedProviderConfig {
  const parsed = providerConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues: FaultIssue[] = fromZod(parsed.error, [], providerConfigSchema);
    throw new AuthfaultError(
      'AUTHFAULT_CONFIG_INVALID',
      `invalid provider config: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  const c = parsed.data;
  return {
    host: c.host ?? DEFAULTS.host,
    port: c.port ?? DEFAULTS.port,
    path: c.path ?? DEFAULTS.path,
    ...(c.issuer ? { issuer: c.issuer.replace(/\/$/, '') } : {}),
    clients: (c.clients ?? DEFAULTS.clients).map((client) => withSecret(clientSchema.parse(client))),
    users: [...(c.users ?? DEFAULTS.users)],
    ...(c.keys ? { keysFile: c.keys.file } : {}),
    ...(c.seed ? { seed: c.seed } : {}),
    ...(c.admin ? { adminToken: c.admin.token } : {}),
    ttl: { ...DEFAULTS.ttl, ...c.ttl },
  };
}

/** Confidential clients are the default (as in Keycloak); one without a secret gets one per run. */
function withSecret(client: ClientConfig): ClientConfig {
  if (client.public || client.token_endpoint_auth_method === 'none') {
    const { client_secret: _ignored, ...rest } = client;
    return { ...rest, public: true, token_endpoint_auth_method: 'none' };
  }
  return client.client_secret ? client : { ...client, client_secret: `${client.client_id}-${randomBytes(12).toString('base64url')}` };
}
