import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { clipped, type JournalEntry } from '../control/journal.js';
import type { FaultRequest, InjectionPoint } from '../faults/types.js';

/** What the injectors know about one request, shared between the express and koa layers. */
export interface RequestRecord {
  entry: JournalEntry;
  fault: FaultRequest;
  startedAt: number;
}

const records = new WeakMap<IncomingMessage, RequestRecord>();

export function recordOf(req: IncomingMessage): RequestRecord | undefined {
  return records.get(req);
}

export function attachRecord(req: IncomingMessage, record: RequestRecord): void {
  records.set(req, record);
}

/**
 * client_id as far as it can be known before the body is read: the query, or HTTP Basic. A Basic
 * user name that is not valid form encoding (`%ZZ`) is kept as sent: the provider refuses the
 * credentials itself, with invalid_client.
 */
export function clientIdOf(req: IncomingMessage, query: Record<string, unknown>): string | undefined {
  if (typeof query.client_id === 'string') return query.client_id;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return formDecoded(decoded.slice(0, colon));
  }
  return undefined;
}

/** application/x-www-form-urlencoded decoding (RFC 6749 §2.3.1), or the value as it is when it is not valid. */
function formDecoded(value: string): string {
  const spaced = value.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

export function faultRequest(req: IncomingMessage, point: InjectionPoint, path: string, query: Record<string, string>, clientId: string | undefined): FaultRequest {
  return {
    point,
    method: req.method ?? 'GET',
    path,
    query,
    ip: req.socket.remoteAddress ?? '',
    now: Date.now(),
    ...(clientId ? { clientId } : {}),
  };
}

/** Parameters worth recording: values for the harmless ones, presence for secrets and one-time values. */
const VALUE_PARAMS = ['redirect_uri', 'code_challenge_method', 'scope', 'response_type', 'response_mode', 'prompt', 'login_hint', 'grant_type', 'resource', 'post_logout_redirect_uri'];
const PRESENCE_PARAMS = ['state', 'nonce', 'code_challenge', 'code', 'code_verifier', 'refresh_token', 'id_token_hint', 'token'];

export function notableParams(params: Record<string, unknown>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const name of VALUE_PARAMS) if (typeof params[name] === 'string') out[name] = clipped(params[name] as string);
  for (const name of PRESENCE_PARAMS) if (params[name] !== undefined && params[name] !== '') out[name] = true;
  return out;
}

/** The first 12 hex digits of a value's SHA-256: enough to tell two codes apart, useless to replay one. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

/** The authorization code and refresh token a token request presented, by fingerprint. */
export function presentedValues(params: Record<string, unknown>): NonNullable<JournalEntry['presented']> | undefined {
  const out: NonNullable<JournalEntry['presented']> = {};
  if (typeof params.code === 'string' && params.code) out.code = fingerprint(params.code);
  if (typeof params.refresh_token === 'string' && params.refresh_token) out.refresh_token = fingerprint(params.refresh_token);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Which tokens a token response carried, and the access token's lifetime when it said one (a number, as RFC 6749 §5.1 has it). */
export function issuedTokens(body: Record<string, unknown>): NonNullable<JournalEntry['issued']> | undefined {
  const out: NonNullable<JournalEntry['issued']> = {};
  if (typeof body.access_token === 'string') out.access_token = true;
  if (typeof body.id_token === 'string') out.id_token = true;
  if (typeof body.refresh_token === 'string') out.refresh_token = fingerprint(body.refresh_token);
  if (typeof body.expires_in === 'number' && Number.isFinite(body.expires_in)) out.expires_in = body.expires_in;
  return Object.keys(out).length > 0 ? out : undefined;
}
