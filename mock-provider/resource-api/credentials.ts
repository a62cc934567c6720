/**
 * Where a call's credentials are: every place an app might have put one, so a refusal can say
 * exactly what was found where.
 *
 * - `Authorization: Bearer <token>` is the one place for access tokens (RFC 6750 §2.1). A Bearer
 *   value that is an API key is a key in the wrong place; one that is not a b64token is malformed.
 * - `access_token` in the query string (§2.3) or in a form body (§2.2) is found and refused as an
 *   unsupported method (400 invalid_request): both leak tokens into logs and caches.
 * - The configured key header (default X-API-Key; names are case-insensitive) is the one place for
 *   API keys. A value that looks like an API key anywhere else — another header, a query
 *   parameter, a body field, another Authorization scheme, Basic credentials — is found as a
 *   misplaced key. A key "looks like" one when it is a configured key or starts with a known prefix.
 * - Values are kept only long enough to check them; findings carry a label, never the secret.
 */
import type { Request } from 'express';

export type Finding =
  | { type: 'bearer'; where: string; value: string }
  | { type: 'api-key'; where: string; value: string }
  | { type: 'misplaced-key'; where: string; value: string }
  | { type: 'malformed-bearer'; where: string; why: string }
  | { type: 'unsupported-token'; where: string }
  | { type: 'other-scheme'; where: string; scheme: string };

export interface CredentialRules {
  /** The header API keys belong in, as configured (e.g. "X-API-Key"). */
  keyHeader: string;
  looksLikeKey(value: string): boolean;
}

/** RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Headers that never carry an API key by design; skipped so a cookie or host is not misread. */
const SKIPPED = new Set(['authorization', 'cookie', 'host', 'content-length', 'content-type', 'accept', 'user-agent', 'connection']);

/** What of a request is searched: its headers, its query and, once parsed, its body. */
export type CredentialSource = Pick<Request, 'headers' | 'rawHeaders' | 'query'> & { body?: unknown };

export function findCredentials(req: CredentialSource, rules: CredentialRules): Finding[] {
  return [...inAuthorization(req, rules), ...inHeaders(req, rules), ...inQuery(req, rules), ...inBody(req, rules)];
}

function inAuthorization(req: CredentialSource, rules: CredentialRules): Finding[] {
  const header = req.headers.authorization;
  if (header === undefined) return [];
  const where = 'the Authorization header';
  const m = /^\s*(\S+)(?:\s+([\s\S]*))?$/.exec(header);
  if (!m) return [{ type: 'malformed-bearer', where, why: 'it is empty' }];
  const scheme = m[1]!;
  const rest = (m[2] ?? '').trim();
  if (scheme.toLowerCase() === 'bearer') {
    if (rest === '') return [{ type: 'malformed-bearer', where, why: 'it says Bearer but carries no token' }];
    if (rules.looksLikeKey(rest)) return [{ type: 'misplaced-key', where: `${where} as a Bearer token`, value: rest }];
    if (!B64TOKEN.test(rest)) return [{ type: 'malformed-bearer', where, why: 'the Bearer token has characters a token cannot have (spaces, quotes, commas …; RFC 6750 §2.1 b64token)' }];
    return [{ type: 'bearer', where, value: rest }];
  }
  for (const word of rest.split(/[\s,]+/)) {
    if (rules.looksLikeKey(word)) return [{ type: 'misplaced-key', where: `${where} (scheme ${scheme})`, value: word }];
  }
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(rest, 'base64').toString('utf8');
    for (const part of decoded.split(':')) {
      if (rules.looksLikeKey(part)) return [{ type: 'misplaced-key', where: `${where} inside Basic credentials`, value: part }];
    }
  }
  return [{ type: 'other-scheme', where, scheme }];
}

function inHeaders(req: CredentialSource, rules: CredentialRules): Finding[] {
  const out: Finding[] = [];
  const wanted = rules.keyHeader.toLowerCase();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const value = req.rawHeaders[i + 1]!.trim();
    const lower = name.toLowerCase();
    if (lower === wanted) out.push({ type: 'api-key', where: `the ${rules.keyHeader} header`, value });
    else if (!SKIPPED.has(lower) && rules.looksLikeKey(value)) out.push({ type: 'misplaced-key', where: `the ${name} header`, value });
  }
  return out;
}

function inQuery(req: CredentialSource, rules: CredentialRules): Finding[] {
  return fields(req.query as Record<string, unknown>, rules, (name) => `the query string parameter ${name}`);
}

function inBody(req: CredentialSource, rules: CredentialRules): Finding[] {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  return fields(body as Record<string, unknown>, rules, (name) => `the request body field ${name}`);
}

function fields(source: Record<string, unknown>, rules: CredentialRules, where: (name: string) => string): Finding[] {
  const out: Finding[] = [];
  for (const [name, raw] of Object.entries(source)) {
    const value = typeof raw === 'string' ? raw.trim() : undefined;
    if (value === undefined) continue;
    if (rules.looksLikeKey(value)) out.push({ type: 'misplaced-key', where: where(name), value });
    else if (name === 'access_token' && value !== '') out.push({ type: 'unsupported-token', where: where(name) });
  }
  return out;
}
