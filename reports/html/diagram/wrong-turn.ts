import type { JournalEntry, ScenarioReport } from '../../model.js';

/** The request at which the app went wrong, and why, in words for the diagram. */
export interface WrongTurn {
  /** The journal entry id; the diagram marks that request. */
  entryId: number;
  reason: string;
  /** `after`: the app went wrong in what it did with this response, not by sending a request. */
  at: 'request' | 'after';
}

/**
 * Where the app went wrong, found from the journal the way the verdict's own checks read it:
 * 1. a bad certificate accepted: the first back-channel TLS connection that presented one and
 *    still carried a request;
 * 2. an early retry: the first request to an endpoint sooner after a 429/503 than its Retry-After;
 * 3. a forbidden request: the first request to an endpoint the diagnosis expected no request to
 *    (`no request to the token endpoint`);
 * 4. otherwise, the last response a fault changed: the app took it and carried on.
 * Only a fail or a warn has one; a pass went nowhere wrong, an error was never judged.
 */
export function findWrongTurn(scenario: Pick<ScenarioReport, 'verdict' | 'diagnosis' | 'evidence'>): WrongTurn | undefined {
  if (scenario.verdict !== 'fail' && scenario.verdict !== 'warn') return undefined;
  const journal = scenario.evidence.journal ?? [];
  return acceptedCertificate(journal) ?? earlyRetry(journal) ?? forbiddenRequest(journal, scenario.diagnosis?.expected ?? []) ?? lastFaulted(journal);
}

function acceptedCertificate(journal: readonly JournalEntry[]): WrongTurn | undefined {
  const accepted = journal.find((e) => e.tls?.listener === 'back' && isBadCertificate(e) && e.tls.requestSent);
  return accepted && { entryId: accepted.id, at: 'request', reason: `accepted the ${accepted.tls!.certificate}: sent requests over that connection` };
}

/** The provider describes the certificate it presented; a good one's description starts with "valid". */
export function isBadCertificate(entry: Pick<JournalEntry, 'tls'>): boolean {
  return entry.tls !== undefined && !entry.tls.certificate.startsWith('valid');
}

/** Slack for clock granularity, the same the verdict allows. */
const RETRY_AFTER_SLACK_MS = 50;

function earlyRetry(journal: readonly JournalEntry[]): WrongTurn | undefined {
  for (const [i, refusal] of journal.entries()) {
    if (refusal.retryAfter === undefined || (refusal.status !== 429 && refusal.status !== 503)) continue;
    const next = journal.slice(i + 1).find((e) => e.endpoint === refusal.endpoint && e.clientId === refusal.clientId);
    if (!next) continue;
    const waited = Date.parse(next.time) - (Date.parse(refusal.time) + refusal.durationMs);
    if (waited + RETRY_AFTER_SLACK_MS < refusal.retryAfter * 1000) {
      return {
        entryId: next.id,
        at: 'request',
        reason: `retried ${Math.max(0, Math.round(waited))} ms after a ${refusal.status} that said Retry-After: ${refusal.retryAfter}`,
      };
    }
  }
  return undefined;
}

/** The verdict's words for endpoints (`no request to the token endpoint`), back to endpoint names. */
const ENDPOINT_WORDS: Record<string, string> = {
  'authorization endpoint': 'authorize',
  'token endpoint': 'token',
  'userinfo endpoint': 'userinfo',
  JWKS: 'jwks',
  'discovery document': 'discovery',
  'introspection endpoint': 'introspection',
  'revocation endpoint': 'revocation',
  'end-session endpoint': 'end_session',
  'login page': 'interaction',
  'protected API': 'api',
};

function forbiddenRequest(journal: readonly JournalEntry[], expected: readonly string[]): WrongTurn | undefined {
  for (const line of expected) {
    // The rule's own words, without the severity or the sentence quoted after them.
    const rule = line.trim().replace(/ (— .*|\((SHOULD|MAY)\))$/s, '');
    const words = /^no request to (?:the )?(.+)$/.exec(rule)?.[1];
    if (!words) continue;
    const endpoint = ENDPOINT_WORDS[words] ?? words;
    const hit = journal.find((e) => e.endpoint === endpoint);
    if (hit) return { entryId: hit.id, at: 'request', reason: `${rule} was expected` };
  }
  return undefined;
}

function lastFaulted(journal: readonly JournalEntry[]): WrongTurn | undefined {
  const faulted = journal.filter((e) => e.faults.length > 0).at(-1);
  return faulted && { entryId: faulted.id, at: 'after', reason: 'the app carried on after this faulted response' };
}
