import { z } from 'zod';

// What a token request to the provider's minter looks like (mint-token.ts mints it): apart from
// the minter so that the public types (types.ts, common.ts) load zod alone, not oidc-provider.

export const TOKEN_KINDS = ['access_token', 'id_token'] as const;
export const TOKEN_FORMATS = ['jwt', 'opaque'] as const;

/** What `idp.issueToken()`, `POST /__authfault/tokens` and `authfault token` take. */
export const issueTokenSchema = z
  .strictObject({
    sub: z.string().min(1).optional().describe('The user: a configured one, or any name (a user is made with default claims). Absent for an access token: a client token, as client_credentials issues.'),
    client: z.string().min(1).optional().describe('The client_id the token is issued to (its audience for an ID token); default: the first client.'),
    scope: z.string().optional().describe('Space-separated scopes; default "openid profile email" for a user, the client\'s own scope (or none) for a client token.'),
    claims: z.record(z.string(), z.unknown()).optional().describe('Claims added to the token (over the user\'s own), e.g. { "roles": ["admin"] }.'),
    ttl: z.int().min(1).max(366 * 24 * 3600).optional().describe('Seconds until it expires; default the provider\'s ttl for the kind.'),
    kind: z.enum(TOKEN_KINDS).optional().describe('access_token (default) or id_token.'),
    format: z.enum(TOKEN_FORMATS).optional().describe('For an access token: jwt (RFC 9068, audience the mock API) or opaque (checked by introspection, userinfo and the mock API); default jwt.'),
  })
  .describe('A token to mint for API tests, signed by the provider like the ones its endpoints issue.');

export type IssueTokenInput = z.input<typeof issueTokenSchema>;

/** A minted token and what it is. */
export interface IssuedToken {
  token: string;
  kind: (typeof TOKEN_KINDS)[number];
  /** jwt or opaque. */
  format: (typeof TOKEN_FORMATS)[number];
  token_type: 'Bearer';
  client: string;
  sub?: string;
  scope: string;
  /** Seconds since the epoch. */
  expires_at: number;
  /** For a JWT: its claims, as signed. */
  claims?: Record<string, unknown>;
}
