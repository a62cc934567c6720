import { z } from 'zod';
import type { JournalEntry } from '../../../mock-provider/common.js';
import { SCENARIO_DEFAULTS } from '../../scenario/defaults.js';
import { rule, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import type { PageLoads } from '../evidence.js';
import { defineIdpExpectation } from '../expectation.js';
import { endpointWords } from '../journal-words.js';

const ms = z.int().min(1).max(SCENARIO_DEFAULTS.maxWaitMs);

/**
 * gave-up-within — for a hung or slow provider: every page load the app served was answered
 * within `ms`, measured in the user agent from request to response headers.
 *
 * - A load never answered counts as taking as long as the user agent waited for it; the runner
 *   judges a load still waiting when the steps end only once it has waited past `ms`.
 * - The journal supplies the why: the provider requests that hung or took longest.
 */
export const gaveUpWithinExpectation = defineIdpExpectation({
  args: z
    .union([ms.describe('Milliseconds.'), z.strictObject({ ms: ms.describe('Milliseconds.'), ...rule })])
    .describe('For hangs: every page load the app served during the steps was answered within this many ms, measured in the browser; a load never answered counts as taking as long as the browser waited.'),
  model: (a) => (typeof a === 'number' ? { ms: a } : { ms: a.ms, ...withRule(a) }),
  judge: (exp, e) => gaveUpWithin(exp.ms, e.loads, e.entries),
  loadsMs: ({ ms: within }) => within,
});

export function gaveUpWithin(ms: number, loads: PageLoads | undefined, entries: readonly JournalEntry[]): Check {
  const expected = `the app answers every page load within ${ms} ms, even while the provider hangs`;
  if (!loads) return { ok: false, expected, observed: 'page loads were not timed (no browser)' };
  const slow = [
    ...loads.answered.filter((l) => l.ms > ms).map((l) => `${path(l.url)} answered ${l.status} after ${l.ms} ms`),
    ...loads.unanswered.filter((l) => l.ms > ms).map((l) => `${path(l.url)} got no answer in ${l.ms} ms${l.error ? ` (${l.error})` : ''}`),
  ];
  // TLS connections (transport) stay open across requests: their duration says nothing of a hang.
  const held = entries.filter((e) => e.endpoint !== 'transport' && (e.outcome === 'hang' || e.durationMs > ms)).map((e) => `the ${endpointWords(e.endpoint)} ${e.outcome === 'hang' ? 'hung' : `took ${Math.round(e.durationMs)} ms`}`);
  const why = held.length > 0 ? `; meanwhile ${[...new Set(held)].join(', ')}` : '';
  const slowest = Math.max(0, ...loads.answered.map((l) => l.ms), ...loads.unanswered.map((l) => l.ms));
  return {
    ok: slow.length === 0,
    expected,
    observed: slow.length > 0 ? `${slow.slice(0, 3).join('; ')}${slow.length > 3 ? '; …' : ''}${why}` : `every page load was answered, the slowest in ${slowest} ms${why}`,
  };
}

function path(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search.length > 40 ? `${u.search.slice(0, 37)}...` : u.search}`;
}
