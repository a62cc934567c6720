import { z } from 'zod';

/** A user the login page offers. `id` is the subject (sub). */
export const userSchema = z
  .strictObject({
    id: z.string().min(1).describe('The subject identifier (sub) and login name.'),
    name: z.string().optional(),
    given_name: z.string().optional(),
    family_name: z.string().optional(),
    email: z.string().optional(),
    email_verified: z.boolean().optional(),
    roles: z.array(z.string()).optional().describe('Released as the `roles` claim.'),
    claims: z.record(z.string(), z.unknown()).optional().describe('Any further claims, released with the profile scope.'),
  })
  .describe('A user of the mock provider.');

export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;

export const clientSchema = z
  .strictObject({
    client_id: z.string().min(1),
    client_secret: z.string().min(1).optional().describe('Generated per run when omitted (printed in the banner); a public client has none.'),
    public: z.boolean().default(false).describe('A public client: no secret, PKCE required (token_endpoint_auth_method none).'),
    redirect_uris: z.array(z.string()).default([]),
    post_logout_redirect_uris: z.array(z.string()).default([]),
    any_loopback_redirect_uri: z
      .boolean()
      .default(false)
      .describe('Also accept any http://localhost:*, http://127.0.0.1:* or http://[::1]:* redirect URI (any port and path), after login and logout. The built-in demo-app does when the config names no clients; a configured client is exact unless this is true.'),
    grant_types: z.array(z.enum(GRANT_TYPES)).default([...GRANT_TYPES]),
    token_endpoint_auth_method: z
      .enum(['client_secret_basic', 'client_secret_post', 'none'])
      .optional()
      .describe('Default: client_secret_basic, or none for a public client.'),
    require_consent: z.boolean().default(false).describe('Show the consent page (Allow / Deny) on every login.'),
    scope: z.string().optional().describe('Scopes the client may request with client_credentials.'),
  })
  .superRefine((c, ctx) => {
    // A secret the provider would drop is one the app is still told ({client.secret}) and sends.
    if (c.client_secret !== undefined && (c.public || c.token_endpoint_auth_method === 'none')) {
      const why = c.public ? 'a public client (public: true)' : 'a client with token_endpoint_auth_method none';
      ctx.addIssue({ code: 'custom', message: `${why} has no secret: remove client_secret, or ${c.public ? 'public' : 'the auth method'} for a confidential client` });
    }
  })
  .describe('A client (relying party) registered at the mock provider.');

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const API_ENVIRONMENTS = ['test', 'live'] as const;
export const API_AUTH = ['bearer', 'api-key'] as const;

const claimValue = z.union([z.string(), z.number(), z.boolean()]);

/** One route of the mock protected API: what it needs from the caller and what it answers. */
export const apiRouteSchema = z
  .strictObject({
    method: z.enum(HTTP_METHODS).default('GET'),
    path: z
      .string()
      .regex(/^\/[A-Za-z0-9._~:/-]*$/, 'a path under the API base path such as "/orders" (":name" matches one segment)')
      .describe('Path under the API base path, e.g. "/orders"; a ":name" segment matches any one segment.'),
    scopes: z.array(z.string().min(1)).default([]).describe('Scopes the credential must all carry; a 403 insufficient_scope names the missing ones.'),
    roles: z.array(z.string().min(1)).default([]).describe('Roles the credential\'s `roles` claim must all contain.'),
    claims: z
      .record(z.string(), claimValue)
      .default({})
      .describe('Claims the credential must carry with these values (a list claim must contain the value), e.g. { role: admin }.'),
    auth: z
      .array(z.enum(API_AUTH))
      .min(1)
      .default([...API_AUTH])
      .describe('Which credentials the route accepts: Bearer access tokens, API keys, or both.'),
    status: z.int().min(200).max(299).default(200).describe('The status of a successful answer.'),
    response: z
      .unknown()
      .optional()
      .describe('The JSON answered; the strings "{sub}", "{client_id}" and "{scope}" are filled in from the credential.'),
  })
  .describe('A route of the mock protected API.');

/** An API key the mock API knows. */
export const apiKeySchema = z
  .strictObject({
    key: z.string().min(16).describe('The key itself, prefix included, e.g. "af_test_…".'),
    environment: z.enum(API_ENVIRONMENTS).describe('The environment the key belongs to; the API refuses keys of the other one.'),
    prefix: z.string().min(1).optional().describe('The recognisable start of the key; default "af_test_" or "af_live_" by environment.'),
    revoked: z.boolean().default(false).describe('A revoked key is refused with a 401 that says so.'),
    scopes: z.array(z.string().min(1)).optional().describe('Scopes the key grants; default: every scope the routes require.'),
    claims: z.record(z.string(), claimValue).optional().describe('Claims the key carries (for routes that require roles or claims).'),
  })
  .superRefine((k, ctx) => {
    const prefix = k.prefix ?? `af_${k.environment}_`;
    if (!k.key.startsWith(prefix)) {
      ctx.addIssue({ code: 'custom', path: ['key'], message: `a ${k.environment} key must start with its prefix "${prefix}"` });
    }
  })
  .describe('An API key: environment test or live, a recognisable prefix, possibly revoked.');

/** The mock protected API served next to the provider. */
export const apiConfigSchema = z
  .strictObject({
    path: z
      .string()
      .regex(/^(\/[A-Za-z0-9._~-]+)+$/, 'a path such as "/api" (no trailing slash)')
      .optional()
      .describe('Base path of the API under the origin; default "/api".'),
    environment: z.enum(API_ENVIRONMENTS).optional().describe('Which keys the API accepts: test (default) or live ones.'),
    header: z
      .string()
      .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'an HTTP header name')
      .optional()
      .describe('The header API keys are sent in; default "X-API-Key".'),
    routes: z.array(apiRouteSchema).optional().describe('The routes; replaces the default routes (GET /me, GET and POST /orders, GET /admin).'),
    keys: z.array(apiKeySchema).optional().describe('The API keys; replaces the default keys.'),
  })
  .describe('The mock protected API: Bearer access tokens and API keys, answered the way real APIs answer.');

/** What a user may write under `provider:` in authfault.config.* or pass to createMockProvider. */
export const providerConfigSchema = z
  .strictObject({
    host: z.string().optional().describe('Interface to bind; 127.0.0.1 unless told otherwise.'),
    port: z.int().min(0).max(65535).optional().describe('0 takes a free port.'),
    path: z
      .string()
      .regex(/^\/[A-Za-z0-9._~-]+$/, 'one path segment such as "/default"')
      .optional()
      .describe('Path of the issuer under the origin.'),
    issuer: z.url().optional().describe('Public issuer URL when the provider sits behind a proxy.'),
    allowed_hosts: z
      .array(z.string().regex(/^\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/, 'a host name such as "idp" or "idp.internal", or ".internal" for it and every name under it (no port, no scheme)'))
      .optional()
      .describe('Host names requests may be sent to besides IP addresses, localhost, the issuer\'s and the certificate\'s (e.g. a Docker Compose service name, "idp"); ".example.test" allows it and every name under it. Any other Host header is refused (DNS rebinding).'),
    clients: z.array(clientSchema).optional(),
    users: z.array(userSchema).optional(),
    keys: z.strictObject({ file: z.string() }).optional().describe('Keep signing keys in this file (created when absent).'),
    state: z
      .string()
      .min(1)
      .optional()
      .describe('A folder to keep the provider\'s local identity in between runs: signing key, HTTPS CA, secrets generated for clients written without one, freely chosen ports (authfault idp uses .authfault/ next to its config). keys.file and https.ca win over it.'),
    seed: z.string().optional().describe('Seed for probabilistic faults; random and printed when absent.'),
    https: z
      .union([
        z.boolean(),
        z.strictObject({
          ca: z.strictObject({ cert: z.string(), key: z.string() }).optional().describe('Use this CA (PEM files) instead of one generated per run.'),
          hosts: z.array(z.string()).optional().describe('Names the certificate covers besides 127.0.0.1, ::1 and localhost.'),
          front_port: z.int().min(0).max(65535).optional().describe('Port of the browser-facing listener (0: a free one).'),
        }),
      ])
      .optional()
      .describe('Serve HTTPS with a run-local CA; tls.* faults then act on the back channel.'),
    admin: z.strictObject({ token: z.string().min(16) }).optional().describe('Bearer token that lets non-loopback callers use the control API.'),
    ttl: z
      .strictObject({
        access_token: z.int().min(1).optional(),
        id_token: z.int().min(1).optional(),
        refresh_token: z.int().min(1).optional(),
        code: z.int().min(1).optional(),
      })
      .optional(),
    access_token_format: z
      .enum(['opaque', 'jwt'])
      .optional()
      .describe('opaque (default): an access token asked for without a resource is opaque, as userinfo needs. jwt: it is a JWT (RFC 9068) for the mock API, as Keycloak and Auth0 with an audience issue them — userinfo then refuses it (its audience is the API).'),
    api: apiConfigSchema.optional(),
    tenants: z
      .union([
        z.boolean(),
        z.strictObject({
          on_demand: z.boolean().optional().describe('A request to /{name}/… creates issuer {name} (default true); false: only the control API and the handle create them.'),
          max: z.int().min(1).max(1000).optional().describe('Issuers besides the default one, at most (default 100); past it a new name is refused with AUTHFAULT_TENANT_LIMIT.'),
        }),
      ])
      .optional()
      .describe('Further issuers by path, each with its own keys, clients, users and faults: a request to /{name}/… is issuer {origin}/{name}, created on first use. false: not on first use.'),
  })
  .describe('The mock OpenID Provider.');

export type ProviderConfig = z.input<typeof providerConfigSchema>;
export type UserConfig = z.output<typeof userSchema>;
export type ClientConfig = z.output<typeof clientSchema>;
export type ApiRouteConfig = z.output<typeof apiRouteSchema>;
export type ApiKeyConfig = z.output<typeof apiKeySchema>;
export type ApiEnvironment = (typeof API_ENVIRONMENTS)[number];
