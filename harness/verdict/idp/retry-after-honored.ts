import { z } from 'zod';
import type { JournalEntry } from '../../../mock-provider/common.js';
import { journalEndpoint as endpoint } from '../../scenario/endpoints.js';
import { rule, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineIdpExpectation } from '../expectation.js';
import { endpointWords } from '../journal-words.js';

/**
 * retry-after-honored — after every 429 (or 503) carrying Retry-After, the next request to the
 * same endpoint came no sooner than Retry-After after the response was sent (every endpoint when
 * none is given).
 */
export const retryAfterHonoredExpectation = defineIdpExpectation({
  args: z
    .union([z.strictObject({ endpoint: endpoint.optional().describe('Only this endpoint; default: all.'), ...rule }), endpoint, z.null()])
    .describe('After a 429 or 503 with Retry-After, the app waited at least that long before calling the endpoint again (every endpoint when none is given).'),
  model: (a) => {
    const only = typeof a === 'string' ? a : a?.endpoint;
    return { ...(only ? { endpoint: only } : {}), ...(typeof a === 'object' ? withRule(a) : {}) };
  },
  judge: (exp, e) => retryAfterHonored(exp.endpoint, e.entries),
});

/** Slack for clock granularity between our response and the app's next request. */
const RETRY_AFTER_SLACK_MS = 50;

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
