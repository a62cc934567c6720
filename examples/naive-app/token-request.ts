/**
 * Token endpoint requests by hand (authorization_code and refresh_token grants):
 * client_secret_basic, the response checked as openid-client checks it.
 *
 * Three documented flaws live here: FLAWS.md #3, a 429 is retried at once, ignoring Retry-After;
 * #8, the timeout is 30 s; #10, a rejected client authentication is tried again with the secret
 * in the request body.
 */
import type { AppEnv } from '../shared/env.js';
import type { Log } from '../shared/log.js';
import { Problem } from '../shared/problem.js';
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

/** FLAW #8: "token requests can be slow", so 30 s instead of the 5 s every other request gets. */
const TOKEN_TIMEOUT_MS = 30_000;

export async function tokenRequest(provider: Provider, env: AppEnv, params: Record<string, string>, log: Log): Promise<TokenResponse> {
  let secretInBody = false;
  for (let retries = 0; ; retries++) {
    const response = await fetch(provider.metadata.token_endpoint, {
      method: 'POST',
      headers: {
        ...(secretInBody ? {} : { authorization: basicAuthorization(env.clientId, env.clientSecret) }),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(secretInBody ? { ...params, client_id: env.clientId, client_secret: env.clientSecret } : params),
      redirect: 'manual',
      // FLAW #8 (scenarios network-hang-token, network-slow-body-token-stalled): half a minute
      // before the token request gives up, where every other request of the app allows 5 s. A
      // token endpoint that hangs, or trickles its answer, holds the callback — and the person's
      // browser — for 30 s before an error page. The fix: DEFAULT_RETRY_POLICY.attemptTimeoutMs.
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
    // FLAW #3 (scenario rate-limit-token): a 429 is retried immediately, ignoring Retry-After, so
    // a provider that is shedding load gets hammered. The fix: send the request through
    // retryAfterFetch (shared/retry-fetch.ts), as discovery, JWKS and userinfo already do.
    if (response.status === 429 && retries < MAX_IMMEDIATE_RETRIES) {
      await response.body?.cancel();
      log.note(`429 from the token endpoint; retrying at once (retry ${retries + 1}/${MAX_IMMEDIATE_RETRIES})`);
      continue;
    }
    // FLAW #10 (scenario client-invalid): a 401 invalid_client is answered by trying again with
    // the secret in the request body (client_secret_post), "in case the provider wants it there".
    // A wrong or rotated secret is a configuration error no retry can fix: every login now makes
    // two failed client authentications (the ones providers count towards locking a client out)
    // and sends the secret in a form body, where proxies and request logs keep it. The fix: fail
    // the login on the first invalid_client and use only the registered method.
    if (response.status === 401 && !secretInBody) {
      await response.body?.cancel();
      log.note('401 from the token endpoint; trying again with the client secret in the request body');
      secretInBody = true;
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
