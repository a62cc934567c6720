import type { ClientConfig, UserConfig } from './schema.js';

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
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      require_consent: false,
      public: false,
    }),
  ]) as readonly ClientConfig[],
  users: Object.freeze([
    Object.freeze({ id: 'alice', name: 'Alice Example', given_name: 'Alice', family_name: 'Example', email: 'alice@example.com', email_verified: true }),
    Object.freeze({ id: 'bob', name: 'Bob Example', given_name: 'Bob', family_name: 'Example', email: 'bob@example.com', email_verified: true }),
  ]) as readonly UserConfig[],
  ttl: Object.freeze({ access_token: 3600, id_token: 3600, refresh_token: 14 * 24 * 3600, code: 60 }),
});

/** The configuration after defaults are applied: what the rest of the provider reads. */
export interface ResolvedProviderConfig {
  host: string;
  port: number;
  path: string;
  issuer?: string;
  clients: ClientConfig[];
  users: UserConfig[];
  keysFile?: string;
  seed?: string;
  adminToken?: string;
  ttl: { access_token: number; id_token: number; refresh_token: number; code: number };
}
