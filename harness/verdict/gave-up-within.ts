import type { JournalEntry } from '../../mock-provider/common.js';
import type { Check } from './check.js';
import { endpointWords } from './journal-checks.js';

/** The app's page loads as the browser timed them while the steps ran. */
export interface PageLoads {
  answered: readonly { url: string; status: number; ms: number }[];
  /** Loads that got no answer: failed (with the error) or still waiting when the steps ended. */
  unanswered: readonly { url: string; ms: number; error?: string }[];
}

/**
 * gave-up-within — for a hung or slow provider: every page load the app served was answered
 * within `ms`, measured in the browser from request to response headers. A load never answered
 * counts as taking as long as the browser waited for it. The journal supplies the why: the
 * provider requests that hung or took longest.
 */
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
