import { matchesRoute, type JournalEntry } from '../../mock-provider/common.js';
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

/** count — the number of requests to an endpoint (optionally of one grant type, API route or status) lies in [min, max]. */
export function count(exp: { endpoint: string; grant_type?: string; route?: string; status?: number; min?: number; max?: number }, entries: readonly JournalEntry[]): Check {
  const hits = entries.filter(
    (e) =>
      e.endpoint === exp.endpoint &&
      (!exp.grant_type || e.grantType === exp.grant_type) &&
      (!exp.route || matchesRoute(exp.route, e.method, e.path)) &&
      (exp.status === undefined || e.status === exp.status),
  );
  const what = `request(s) to the ${endpointWords(exp.endpoint)}${exp.grant_type ? ` with grant_type=${exp.grant_type}` : ''}${exp.route ? ` ${exp.route}` : ''}${exp.status !== undefined ? ` answered ${exp.status}` : ''}`;
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
  if (e.tls) {
    const verdict = e.tls.requestSent ? 'the client sent requests over it' : (e.tls.alert ?? 'closed without a request');
    return `TLS ${e.tls.listener} channel, ${e.tls.certificate}: handshake ${e.tls.handshake}, ${verdict}`;
  }
  const grant = e.grantType ? ` grant_type=${e.grantType}` : '';
  const faults = e.faults.length > 0 ? ` [${e.faults.map((f) => `${f.kind}: ${f.effect}`).join('; ')}]` : '';
  return `${e.method} ${e.path}${grant} → ${e.status || e.outcome || 'no answer'}${faults}`;
}

/**
 * tls-refused — every back-channel connection that met a bad certificate ended without a
 * request: the client refused it (with an alert, or by closing after the handshake).
 */
export function tlsRefused(entries: readonly JournalEntry[]): Check {
  const bad = entries.filter((e) => e.tls?.listener === 'back' && !e.tls.certificate.startsWith('valid'));
  const accepted = bad.filter((e) => e.tls!.requestSent);
  const refusals = bad.filter((e) => !e.tls!.requestSent).map((e) => e.tls!.alert ?? 'closed after the handshake without a request');
  return {
    ok: accepted.length === 0,
    expected: 'the app refuses the bad certificate: no request over a connection that presented it',
    observed:
      accepted.length > 0
        ? `the app accepted the ${accepted[0]!.tls!.certificate}: it sent requests over ${accepted.length} such connection(s)`
        : bad.length === 0
          ? 'no connection met the bad certificate'
          : `refused all ${bad.length} connection(s) that presented the ${bad[0]!.tls!.certificate} (${[...new Set(refusals)].join('; ')})`,
  };
}

/**
 * single-flight-refresh — refreshes never stampede: no refresh_token grant starts within
 * `windowMs` of the one before it. Calls that fail together on one expired access token must
 * share one refresh; with refresh-token rotation every extra grant presents a used refresh token.
 */
export function singleFlightRefresh(windowMs: number, entries: readonly JournalEntry[]): Check {
  const refreshes = entries.filter((e) => e.endpoint === 'token' && e.grantType === 'refresh_token').sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const bursts: JournalEntry[][] = [];
  refreshes.forEach((entry, i) => {
    const previous = refreshes[i - 1];
    if (!previous || Date.parse(entry.time) - Date.parse(previous.time) >= windowMs) return;
    const burst = bursts.at(-1);
    if (burst?.at(-1) === previous) burst.push(entry);
    else bursts.push([previous, entry]);
  });
  const describe = (burst: JournalEntry[]) =>
    `${burst.length} refresh_token grants started within ${Date.parse(burst.at(-1)!.time) - Date.parse(burst[0]!.time)} ms (answered ${burst.map((e) => e.status || e.outcome || 'nothing').join(', ')})`;
  return {
    ok: bursts.length === 0,
    expected: `one refresh at a time: no two refresh_token grants within ${windowMs} ms of each other`,
    observed:
      bursts.length > 0
        ? `a refresh stampede: ${bursts.map(describe).join('; ')}`
        : `${refreshes.length} refresh_token grant(s), none within ${windowMs} ms of another`,
  };
}
