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
    client_secret: z.string().min(1).optional().describe('Generated per run when omitted (printed in the banner); ignored for public clients.'),
    public: z.boolean().default(false).describe('A public client: no secret, PKCE required (token_endpoint_auth_method none).'),
    redirect_uris: z.array(z.string()).default([]),
    post_logout_redirect_uris: z.array(z.string()).default([]),
    grant_types: z.array(z.enum(GRANT_TYPES)).default([...GRANT_TYPES]),
    token_endpoint_auth_method: z
      .enum(['client_secret_basic', 'client_secret_post', 'none'])
      .optional()
      .describe('Default: client_secret_basic, or none for a public client.'),
    require_consent: z.boolean().default(false).describe('Show the consent page (Allow / Deny) on every login.'),
    scope: z.string().optional().describe('Scopes the client may request with client_credentials.'),
  })
  .describe('A client (relying party) registered at the mock provider.');

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
    clients: z.array(clientSchema).optional(),
    users: z.array(userSchema).optional(),
    keys: z.strictObject({ file: z.string() }).optional().describe('Keep signing keys in this file (created when absent).'),
    seed: z.string().optional().describe('Seed for probabilistic faults; random and printed when absent.'),
    admin: z.strictObject({ token: z.string().min(16) }).optional().describe('Bearer token that lets non-loopback callers use the control API.'),
    ttl: z
      .strictObject({
        access_token: z.int().min(1).optional(),
        id_token: z.int().min(1).optional(),
        refresh_token: z.int().min(1).optional(),
        code: z.int().min(1).optional(),
      })
      .optional(),
  })
  .describe('The mock OpenID Provider.');

export type ProviderConfig = z.input<typeof providerConfigSchema>;
export type UserConfig = z.output<typeof userSchema>;
export type ClientConfig = z.output<typeof clientSchema>;
