import type { JournalEntry } from '../../mock-provider/index.js';
import type { Check } from './check.js';

const ENDPOINT_WORDS: Record<string, string> = {
  authorize: 'authorization endpoint',
  token: 'token endpoint',
  userinfo: 'userinfo endpoint',
  jwks: 'JWKS',
  discovery: 'discovery document',
  introspection: 'introspection endpoint',
  revocation: 'revocation endpoint',
  end_session: 'end-session endpoint',
  interaction: 'login page',
  api: 'protected API',
};

export function endpointWords(endpoint: string): string {
  return ENDPOINT_WORDS[endpoint] ?? endpoint;
}

/** no-request — the app never called this endpoint during the scenario. */
export function noRequest(endpoint: string, entries: readonly JournalEntry[]): Check {
  const hits = entries.filter((e) => e.endpoint === endpoint);
  return {
    ok: hits.length === 0,
    expected: `no request to the ${endpointWords(endpoint)}`,
    observed:
      hits.length === 0
        ? `no request to the ${endpointWords(endpoint)}`
        : `${hits.length} request(s) to the ${endpointWords(endpoint)}: ${hits.map(describeEntry).join('; ')}`,
  };
}

/** count — the number of requests to an endpoint (optionally of one grant type) lies in [min, max]. */
export function count(exp: { endpoint: string; grant_type?: string; min?: number; max?: number }, entries: readonly JournalEntry[]): Check {
  const hits = entries.filter((e) => e.endpoint === exp.endpoint && (!exp.grant_type || e.grantType === exp.grant_type));
  const what = `request(s) to the ${endpointWords(exp.endpoint)}${exp.grant_type ? ` with grant_type=${exp.grant_type}` : ''}`;
  const range =
    exp.min !== undefined && exp.max !== undefined ? `${exp.min}–${exp.max}` : exp.min !== undefined ? `at least ${exp.min}` : `at most ${exp.max ?? 0}`;
  const ok = (exp.min === undefined || hits.length >= exp.min) && (exp.max === undefined || hits.length <= exp.max);
  return { ok, expected: `${range} ${what}`, observed: `${hits.length} ${what}` };
}

/** Slack for clock granularity between our response and the app's next request. */
const RETRY_AFTER_SLACK_MS = 50;

/**
 * retry-after-honored — after every 429 (or 503) carrying Retry-After, the next request to the
 * same endpoint came no sooner than Retry-After after the response was sent.
 */
export function retryAfterHonored(endpoint: string | undefined, entries: readonly JournalEntry[]): Check {
  const relevant = entries.filter((e) => !endpoint || e.endpoint === endpoint);
  const violations: string[] = [];
  let refusals = 0;
  relevant.forEach((entry, i) => {
    if (entry.retryAfter === undefined || (entry.status !== 429 && entry.status !== 503)) return;
    refusals++;
    const next = relevant.slice(i + 1).find((e) => e.endpoint === entry.endpoint && e.clientId === entry.clientId);
    if (!next) return;
    const sentAt = Date.parse(entry.time) + entry.durationMs;
    const waited = Date.parse(next.time) - sentAt;
    if (waited + RETRY_AFTER_SLACK_MS < entry.retryAfter * 1000) {
      violations.push(`retried the ${endpointWords(entry.endpoint)} ${Math.max(0, Math.round(waited))} ms after a ${entry.status} that said Retry-After: ${entry.retryAfter}`);
    }
  });
  const where = endpoint ? `the ${endpointWords(endpoint)}` : 'any endpoint';
  return {
    ok: violations.length === 0,
    expected: `no retry to ${where} before Retry-After has passed`,
    observed:
      violations.length > 0
        ? `${violations.length} early retr${violations.length === 1 ? 'y' : 'ies'}: ${violations.slice(0, 3).join('; ')}${violations.length > 3 ? '; …' : ''}`
        : refusals === 0
          ? `no ${endpoint ? `${endpointWords(endpoint)} ` : ''}response carried Retry-After`
          : `every retry after ${refusals} refusal(s) waited for Retry-After`,
  };
}

export function describeEntry(e: JournalEntry): string {
  const grant = e.grantType ? ` grant_type=${e.grantType}` : '';
  const faults = e.faults.length > 0 ? ` [${e.faults.map((f) => `${f.kind}: ${f.effect}`).join('; ')}]` : '';
  return `${e.method} ${e.path}${grant} → ${e.status || e.outcome || 'no answer'}${faults}`;
}
