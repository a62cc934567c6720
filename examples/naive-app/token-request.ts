/**
 * Token endpoint requests by hand (authorization_code and refresh_token grants):
 * client_secret_basic, a 5 s timeout per request, the response checked as openid-client checks it.
 *
 * One documented flaw lives here: FLAWS.md #3, a 429 is retried at once, ignoring Retry-After.
 */
import type { AppEnv } from '../shared/env.js';
import type { Log } from '../shared/log.js';
import { Problem } from '../shared/problem.js';
import { DEFAULT_RETRY_POLICY } from '../shared/retry-fetch.js';
import type { Provider } from './discovery.js';
import { jsonObject, oauthError, statusProblem } from './http.js';

export interface TokenResponse {
  readonly access_token: string;
  readonly id_token?: string;
  readonly refresh_token?: string;
  readonly expires_in?: number;
}

/**
 * Only there so that a provider answering 429 forever cannot spin a test run forever; it is not a
 * retry policy. 50 retries, so at most 51 requests.
 */
const MAX_IMMEDIATE_RETRIES = 50;

export async function tokenRequest(provider: Provider, env: AppEnv, params: Record<string, string>, log: Log): Promise<TokenResponse> {
  const headers = {
    authorization: basicAuthorization(env.clientId, env.clientSecret),
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  for (let retries = 0; ; retries++) {
    const response = await fetch(provider.metadata.token_endpoint, {
      method: 'POST',
      headers,
      body: new URLSearchParams(params),
      redirect: 'manual',
      signal: AbortSignal.timeout(DEFAULT_RETRY_POLICY.attemptTimeoutMs),
    });
    // FLAW #3 (scenario rate-limit-token): a 429 is retried immediately, ignoring Retry-After, so
    // a provider that is shedding load gets hammered. The fix: send the request through
    // retryAfterFetch (shared/retry-fetch.ts), as discovery, JWKS and userinfo already do.
    if (response.status === 429 && retries < MAX_IMMEDIATE_RETRIES) {
      await response.body?.cancel();
      log.note(`429 from the token endpoint; retrying at once (retry ${retries + 1}/${MAX_IMMEDIATE_RETRIES})`);
      continue;
    }
    return parseTokenResponse(response);
  }
}

async function parseTokenResponse(response: Response): Promise<TokenResponse> {
  const where = 'token endpoint';
  if (response.status !== 200) throw statusProblem(response.status, where, await oauthError(response));
  const body = await jsonObject(response, where);
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new Problem('invalid', 'invalid-token-response', 'the token response has no access_token');
  }
  if (typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer') {
    throw new Problem('invalid', 'invalid-token-response', `the token response's token_type is ${JSON.stringify(body.token_type)}, not Bearer`);
  }
  const expiresIn = typeof body.expires_in === 'string' ? Number.parseFloat(body.expires_in) : body.expires_in;
  if (expiresIn !== undefined && (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0)) {
    throw new Problem('invalid', 'invalid-token-response', `the token response's expires_in is ${JSON.stringify(body.expires_in)}`);
  }
  for (const name of ['id_token', 'refresh_token'] as const) {
    if (body[name] !== undefined && typeof body[name] !== 'string') {
      throw new Problem('invalid', 'invalid-token-response', `the token response's ${name} is not a string`);
    }
  }
  return {
    access_token: body.access_token,
    ...(typeof body.id_token === 'string' && { id_token: body.id_token }),
    ...(typeof body.refresh_token === 'string' && { refresh_token: body.refresh_token }),
    ...(expiresIn !== undefined && { expires_in: expiresIn }),
  };
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
function basicAuthorization(id: string, secret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
}
