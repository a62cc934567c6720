/**
 * Discovery by hand: fetched again at the start of every login (so changed metadata and rotated
 * keys are picked up at once) and kept for the requests that follow, fetched again on the next
 * request if it failed; the issuer in the document must equal OIDC_ISSUER (mix-up defence), and
 * http endpoints are accepted only for a loopback issuer. The JWKS is jose's remote key set, one
 * per discovery, cached like openid-client's (at most 5 minutes; a key id it does not know
 * triggers a refetch at most once a minute).
 */
import { createRemoteJWKSet, customFetch as joseCustomFetch, type JWTVerifyGetKey } from 'jose';
import type { AppEnv } from '../shared/env.js';
import { Problem } from '../shared/problem.js';
import type { Fetch } from '../shared/retry-fetch.js';
import { jsonObject, statusProblem } from './http.js';

export interface ProviderMetadata {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly jwks_uri: string;
  readonly userinfo_endpoint?: string;
  readonly end_session_endpoint?: string;
  readonly authorization_response_iss_parameter_supported?: boolean;
}

export interface Provider {
  readonly metadata: ProviderMetadata;
  readonly jwks: JWTVerifyGetKey;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const REQUIRED = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;
const OPTIONAL = ['userinfo_endpoint', 'end_session_endpoint'] as const;

export interface Discovery {
  /** The provider as last discovered (discovering it when there is none yet). */
  current(): Promise<Provider>;
  /** Discover again, and keep the result for the requests that follow. */
  fresh(): Promise<Provider>;
}

export function lazyDiscovery(env: AppEnv, fetch: Fetch): Discovery {
  const insecureAllowed = env.issuer.protocol === 'http:' && LOOPBACK.has(env.issuer.hostname);
  let discovered: Promise<Provider> | undefined;
  const fresh = (): Promise<Provider> => {
    const attempt: Promise<Provider> = discover(env.issuer, insecureAllowed, fetch).catch((err: unknown) => {
      if (discovered === attempt) discovered = undefined;
      throw err;
    });
    discovered = attempt;
    return attempt;
  };
  return { current: () => discovered ?? fresh(), fresh };
}

async function discover(issuer: URL, insecureAllowed: boolean, fetch: Fetch): Promise<Provider> {
  const where = 'discovery endpoint';
  const url = `${issuer.href.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'manual' });
  if (response.status !== 200) {
    await response.body?.cancel();
    throw statusProblem(response.status, where);
  }
  const body = await jsonObject(response, where);
  if (typeof body.issuer !== 'string' || URL.parse(body.issuer)?.href !== issuer.href) {
    throw new Problem('invalid', 'issuer-mismatch', `the discovery document names issuer "${String(body.issuer)}", not "${issuer.href}"`);
  }
  for (const name of [...REQUIRED, ...OPTIONAL]) {
    const value = body[name];
    if (value === undefined && (OPTIONAL as readonly string[]).includes(name)) continue;
    const endpoint = typeof value === 'string' ? URL.parse(value) : null;
    if (endpoint === null || (endpoint.protocol !== 'https:' && !(insecureAllowed && endpoint.protocol === 'http:'))) {
      throw new Problem('invalid', 'bad-metadata', `the discovery document's ${name} is not a usable URL: ${JSON.stringify(value)}`);
    }
  }
  const metadata = body as unknown as ProviderMetadata;
  const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri), {
    cacheMaxAge: 5 * 60_000,
    cooldownDuration: 60_000,
    [joseCustomFetch]: async (jwksUrl, options) => {
      const res = await fetch(jwksUrl, { headers: options.headers, method: options.method, redirect: options.redirect });
      // jose would only say "expected 200 OK"; keep the status so a 429 or 5xx reads as an outage.
      if (res.status !== 200) {
        await res.body?.cancel();
        throw statusProblem(res.status, 'JWKS endpoint');
      }
      return res;
    },
  });
  return { metadata, jwks };
}
