import { z } from 'zod';
import { rule, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineAppExpectation } from '../expectation.js';
import { yes } from './shared.js';

/** Chromium's words for a connection that ended without a proper answer: the app fell over. */
const DROPPED = /ERR_(CONNECTION_(REFUSED|RESET|CLOSED)|EMPTY_RESPONSE|INCOMPLETE_CHUNKED_ENCODING|INVALID_(HTTP_)?RESPONSE)/;

/**
 * no-crash — whatever the provider did, the app kept answering: no crash status on any page it
 * served (the person's or a parallel tab's), no connection to it dropped, and its process still runs.
 *
 * - 502, 503 and 504 report an upstream failure, not a crash (isCrashStatus).
 * - A navigation the user agent abandoned (ERR_ABORTED) or that timed out is not a crash: a hang
 *   is judged by gave-up-within.
 */
export const noCrashExpectation = defineAppExpectation({
  args: z
    .union([yes, z.null(), z.strictObject({ ...rule })])
    .describe('The app never answered 5xx, never dropped a connection, and its process still runs.'),
  model: (a) => (typeof a === 'object' ? withRule(a) : {}),
  judge: (_exp, e) => noCrash({ ...e.obs, ...(e.state.crashed ? { crashed: e.state.crashed } : {}) }, e.appOrigin),
});

/**
 * A status that says the app itself broke. 502, 503 and 504 are HTTP's own words for "an
 * upstream failed" (RFC 9110 §15.6.3–15.6.5): an app that answers them when the provider
 * misbehaves is reporting the outage correctly, not crashing (express-openid-connect does).
 */
export function isCrashStatus(status: number): boolean {
  return status >= 500 && status !== 502 && status !== 503 && status !== 504;
}

export interface CrashEvidence {
  appResponses: readonly { url: string; status: number }[];
  navigationFailures: readonly { url: string; error: string }[];
  /** Set when the app's process ended during the scenario. */
  crashed?: string;
}

export function noCrash(evidence: CrashEvidence, appOrigin: string): Check {
  const problems = [
    ...evidence.appResponses.filter((r) => isCrashStatus(r.status)).map((r) => `the app answered ${r.status} at ${r.url}`),
    ...evidence.navigationFailures.filter((f) => sameOrigin(f.url, appOrigin) && DROPPED.test(f.error)).map((f) => `the connection to ${f.url} dropped (${f.error})`),
    ...(evidence.crashed ? [evidence.crashed] : []),
  ];
  return {
    ok: problems.length === 0,
    expected: 'the app does not crash: no 500 (502–504 report an upstream failure and are fine), no dropped connection, its process still runs',
    observed: problems.length > 0 ? [...new Set(problems)].slice(0, 4).join('; ') : `no crash: ${evidence.appResponses.length} page load(s), none a crash status, and the process still runs`,
  };
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
