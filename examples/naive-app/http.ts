/**
 * Small helpers for talking to the provider by hand: JSON bodies and HTTP statuses turned into the
 * shared Problem kinds. Nothing in this file is one of the documented flaws.
 */
import { Problem } from '../shared/problem.js';

/** A non-success status from `where`: 429 and 5xx say "try later", the rest say "refused". */
export function statusProblem(status: number, where: string, oauthError?: { error: string; error_description?: string }): Problem {
  if (status === 429) return new Problem('unavailable', 'rate-limited', `the ${where} is rate limiting (HTTP 429); try again later`);
  if (status >= 500) return new Problem('unavailable', 'provider-error', `the ${where} answered HTTP ${status}`);
  if (oauthError !== undefined) {
    const said = `the ${where} returned "${oauthError.error}"${oauthError.error_description ? `: ${oauthError.error_description}` : ''}`;
    return new Problem(oauthError.error === 'invalid_grant' ? 'denied' : 'invalid', oauthError.error.replaceAll('_', '-'), said);
  }
  return new Problem('invalid', 'unexpected-status', `the ${where} answered HTTP ${status}`);
}

/** A JSON object body, or a Problem: the content type is checked as openid-client does. */
export async function jsonObject(response: Response, where: string): Promise<Record<string, unknown>> {
  const type = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    await response.body?.cancel();
    throw new Problem('invalid', 'not-json', `the ${where} answered with content-type "${type ?? 'none'}", not application/json`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (err) {
    throw new Problem('invalid', 'bad-json', `the ${where} answered with malformed JSON`, { cause: err });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Problem('invalid', 'bad-json', `the ${where} answered with JSON that is not an object`);
  }
  return body as Record<string, unknown>;
}

/** The OAuth error shape (RFC 6749 §5.2) of an error body, if it has one. */
export async function oauthError(response: Response): Promise<{ error: string; error_description?: string } | undefined> {
  try {
    const body = (await response.json()) as Record<string, unknown>;
    if (typeof body.error !== 'string') return undefined;
    return { error: body.error, ...(typeof body.error_description === 'string' && { error_description: body.error_description }) };
  } catch {
    return undefined;
  }
}
