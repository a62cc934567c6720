import type { IncomingMessage } from 'node:http';
import type { JournalEntry } from '../control/journal.js';
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

/** client_id as far as it can be known before the body is read: the query, or HTTP Basic. */
export function clientIdOf(req: IncomingMessage, query: Record<string, unknown>): string | undefined {
  if (typeof query.client_id === 'string') return query.client_id;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
  }
  return undefined;
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
  for (const name of VALUE_PARAMS) if (typeof params[name] === 'string') out[name] = params[name] as string;
  for (const name of PRESENCE_PARAMS) if (params[name] !== undefined && params[name] !== '') out[name] = true;
  return out;
}
