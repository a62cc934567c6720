/**
 * How the mock API refuses, in one place, so a refusal of its own and one a fault asked for are
 * written the same way.
 *
 * | refusal                        | status | WWW-Authenticate                                                  |
 * |--------------------------------|--------|-------------------------------------------------------------------|
 * | no credentials                 | 401    | `Bearer realm="…"` (no error code: RFC 6750 §3.1), plus ApiKey    |
 * | invalid_request                | 400    | `Bearer realm="…", error="invalid_request", error_description="…"` |
 * | invalid_token                  | 401    | `Bearer realm="…", error="invalid_token", error_description="…"`   |
 * | insufficient_scope             | 403    | `Bearer realm="…", error="insufficient_scope", …, scope="…"`       |
 * | forbidden (role or claim)      | 403    | none: the body says which role or claim is missing                |
 * | api_key_* (misplaced, unknown, revoked, wrong environment, not accepted) | 401 | `ApiKey realm="…", header="X-API-Key", error="…", …` |
 *
 * - Every body is OAuth's error shape (`error`, `error_description`); a key refusal adds `found`
 *   and `expected`, a role refusal `required`. The no-credentials body has no `error`, as the
 *   challenge has none.
 * - RFC 6750 §3 allows only %x20-21 / %x23-5B / %x5D-7E inside error_description: a description
 *   is written into the header with `"` as `'`, `\` dropped and non-ASCII spelled out in ASCII.
 * - Every answer carries Cache-Control: no-store.
 */
import type { ApiRefusal } from '../faults/types.js';

export type KeyError = 'api_key_misplaced' | 'api_key_unknown' | 'api_key_revoked' | 'api_key_wrong_environment' | 'api_key_not_accepted';

/** Everything the API can answer instead of the route's JSON. */
export type Refusal =
  | ApiRefusal
  | { error: 'no_credentials'; description: string }
  | { error: 'invalid_request'; description: string }
  | { error: KeyError; description: string; found: string; expected: string }
  | { error: 'not_found' | 'method_not_allowed'; description: string; allow?: string[] };

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** What the challenges need to know about the API. */
export interface ChallengeContext {
  realm: string;
  keyHeader: string;
  /** Which credentials the route accepts: challenges are offered for these schemes only. */
  accepts: readonly ('bearer' | 'api-key')[];
}

export function render(refusal: Refusal, ctx: ChallengeContext): Answer {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  const bearer = (params: [string, string][] = []) => challenge('Bearer', [['realm', ctx.realm], ...params]);
  const apiKey = (params: [string, string][] = []) => challenge('ApiKey', [['realm', ctx.realm], ['header', ctx.keyHeader], ...params]);
  const offered = (withBearer: string, withKey: string) =>
    [ctx.accepts.includes('bearer') ? withBearer : undefined, ctx.accepts.includes('api-key') ? withKey : undefined].filter(Boolean).join(', ');
  const described = (error: string): [string, string][] => [
    ['error', error],
    ['error_description', refusal.description],
  ];
  switch (refusal.error) {
    case 'no_credentials':
      headers['WWW-Authenticate'] = offered(bearer(), apiKey());
      return { status: 401, headers, body: { error_description: refusal.description } };
    case 'invalid_request':
      headers['WWW-Authenticate'] = bearer(described('invalid_request'));
      return { status: 400, headers, body: oauth(refusal) };
    case 'invalid_token':
      headers['WWW-Authenticate'] = bearer(described('invalid_token'));
      return { status: 401, headers, body: oauth(refusal) };
    case 'insufficient_scope':
      headers['WWW-Authenticate'] = bearer([...described('insufficient_scope'), ['scope', refusal.scope]]);
      return { status: 403, headers, body: { ...oauth(refusal), scope: refusal.scope } };
    case 'forbidden':
      return { status: 403, headers, body: { ...oauth(refusal), required: refusal.required } };
    case 'not_found':
      return { status: 404, headers, body: oauth(refusal) };
    case 'method_not_allowed':
      if (refusal.allow) headers.Allow = refusal.allow.join(', ');
      return { status: 405, headers, body: oauth(refusal) };
    default:
      // Every API key refusal: what was found where, and what the API expected instead.
      headers['WWW-Authenticate'] = offered(bearer(), apiKey(described(refusal.error)));
      return { status: 401, headers, body: { ...oauth(refusal), found: refusal.found, expected: refusal.expected } };
  }
}

function oauth(refusal: { error: string; description: string }): Record<string, unknown> {
  return { error: refusal.error, error_description: refusal.description };
}

/** `Scheme name="value", …` with every value reduced to what RFC 6750 §3 allows in a quoted string. */
export function challenge(scheme: string, params: [string, string][]): string {
  return params.length === 0 ? scheme : `${scheme} ${params.map(([name, value]) => `${name}="${headerSafe(value)}"`).join(', ')}`;
}

const ASCII: Record<string, string> = { '…': '...', '—': '-', '–': '-', '“': "'", '”': "'", '‘': "'", '’': "'", '≥': '>=', '≤': '<=' };

export function headerSafe(text: string): string {
  return text
    .replace(/[…—–“”‘’≥≤]/g, (c) => ASCII[c]!)
    .replace(/"/g, "'")
    .replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '');
}
