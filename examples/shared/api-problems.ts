/**
 * What the protected API's refusals mean for the app, the same for both apps: a 401 is a token
 * the API will not take (the session may end), a 403 is "not allowed" (the session stays), a 429
 * or 5xx is "try later". Reading the answer is not where the apps differ; recovering is.
 */
import { Problem } from './problem.js';

/** The parts of an API refusal a page and a log line need: the status, the challenge's error and description, the scope. */
export interface ApiRefusal {
  status: number;
  error?: string;
  description?: string;
  scope?: string;
}

export function apiProblem(r: ApiRefusal): Problem {
  const said = r.description ? `: ${r.description}` : '';
  if (r.status === 401) return new Problem('token-rejected', 'api-token-rejected', `the API rejected the access token (HTTP 401${r.error ? ` ${r.error}` : ''})${said}`);
  if (r.status === 403 && r.error === 'insufficient_scope') {
    return new Problem('forbidden', 'api-insufficient-scope', `the API needs scope "${r.scope ?? '?'}", which this sign-in was not granted${said}`);
  }
  if (r.status === 403) return new Problem('forbidden', 'api-forbidden', `the API refused access (HTTP 403)${said}`);
  if (r.status === 429) return new Problem('unavailable', 'api-rate-limited', 'the API is rate limiting (HTTP 429); try again later');
  if (r.status >= 500) return new Problem('unavailable', 'api-error', `the API answered HTTP ${r.status}`);
  return new Problem('invalid', 'api-unexpected-status', `the API answered HTTP ${r.status}${said}`);
}

/** The OAuth error shape of a refusal's JSON body, when it has one. */
export async function refusalOf(response: Response): Promise<ApiRefusal> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // A refusal without a JSON body still has its status.
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    status: response.status,
    ...(text(body.error) && { error: text(body.error) }),
    ...(text(body.error_description) && { description: text(body.error_description) }),
    ...(text(body.scope) && { scope: text(body.scope) }),
  };
}

/** The API's JSON, or a Problem when it is not JSON. */
export async function apiJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (err) {
    throw new Problem('invalid', 'api-bad-json', 'the API answered with malformed JSON', { cause: err });
  }
}

/** Timeouts and connection failures on the way to the API, worded for the API (not the provider). */
export function apiTransportProblem(err: unknown): Problem | undefined {
  if (!(err instanceof Error)) return undefined;
  const inner = apiTransportProblem(err.cause);
  if (inner !== undefined) return inner;
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return new Problem('unavailable', 'api-timeout', 'the API did not answer in time', { cause: err });
  if (err instanceof TypeError && err.message === 'fetch failed') {
    return new Problem('unavailable', 'api-unreachable', `could not reach the API (${err.cause instanceof Error ? err.cause.message : 'connection failed'})`, { cause: err });
  }
  return undefined;
}

/** API_URL joined with a path under it. */
export function apiUrl(base: string | undefined, path: string): URL {
  if (base === undefined) throw new Problem('invalid', 'no-api-url', 'API_URL is not set, so the app cannot call the protected API');
  return new URL(`${base.replace(/\/+$/, '')}${path}`);
}
