/**
 * The contract between a target app and the harness, read once at start-up.
 *
 * - OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, PORT are required.
 * - APP_URL defaults to http://127.0.0.1:$PORT; the redirect URI is `${APP_URL}/callback`.
 * - OIDC_SCOPE defaults to `openid profile email offline_access orders:read` (orders:read for
 *   GET {API_URL}/orders).
 * - API_URL is the protected API's base URL (authfault's `{api}`); /orders and /burst call it.
 */
export interface AppEnv {
  readonly issuer: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly port: number;
  readonly appUrl: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  readonly scope: string;
  readonly apiUrl: string | undefined;
}

const DEFAULT_SCOPE = 'openid profile email offline_access orders:read';

export class EnvError extends Error {
  override name = 'EnvError';
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): AppEnv {
  const missing = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PORT'].filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new EnvError(`missing environment variable(s): ${missing.join(', ')}`);
  }
  const port = Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new EnvError(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const issuer = parseUrl('OIDC_ISSUER', env.OIDC_ISSUER!);
  // No trailing slash, so `${appUrl}/callback` is exactly the registered redirect URI.
  const appUrl = parseUrl('APP_URL', env.APP_URL || `http://127.0.0.1:${port}`).href.replace(/\/+$/, '');
  return {
    issuer,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    port,
    appUrl,
    redirectUri: `${appUrl}/callback`,
    postLogoutRedirectUri: `${appUrl}/`,
    scope: env.OIDC_SCOPE || DEFAULT_SCOPE,
    apiUrl: env.API_URL ? parseUrl('API_URL', env.API_URL).href : undefined,
  };
}

function parseUrl(name: string, value: string): URL {
  const url = URL.parse(value);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new EnvError(`${name} must be an http(s) URL, got "${value}"`);
  }
  return url;
}
