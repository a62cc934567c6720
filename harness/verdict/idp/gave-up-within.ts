import { z } from 'zod';
import type { JournalEntry } from '../../../mock-provider/common.js';
import type { Budgets } from '../../config/types.js';
import { SCENARIO_DEFAULTS } from '../../scenario/defaults.js';
import { rule, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import type { PageLoads } from '../evidence.js';
import { defineIdpExpectation } from '../expectation.js';
import { endpointWords } from '../journal-words.js';

const ms = z.int().min(1).max(SCENARIO_DEFAULTS.maxWaitMs);
const BUDGETS = ['page'] as const;
const budget = z.enum(BUDGETS).describe('The target config’s budget: `page` (budgets.page, default 70 s).');

/**
 * gave-up-within — for a hung or slow provider: every page load the app served was answered
 * within the time allowed, measured in the user agent from request to response headers.
 *
 * - The time allowed is the team's: `page` reads the target config's budgets.page (no spec sets a
 *   timeout; the default is generous, so common library defaults meet it); a number of ms is the
 *   scenario's own.
 * - A load never answered counts as taking as long as the user agent waited for it. The runner
 *   waits for a load still pending past the budget, up to half as long again (at most 15 s more),
 *   so the diagnosis can tell an app that gave up late ("answered after 31 s, over the budget of
 *   10 s") from one that had not given up at all ("still waiting after 15 s").
 * - The journal supplies the why: the provider requests that hung or took longest.
 */
export const gaveUpWithinExpectation = defineIdpExpectation({
  args: z
    .union([ms.describe('Milliseconds.'), budget, z.strictObject({ ms: ms.describe('Milliseconds.').optional(), budget: budget.optional(), ...rule })])
    .describe('For hangs: every page load the app served during the steps was answered within the page budget (`gave-up-within: page`, the target config’s budgets.page) or this many ms; a load never answered counts as taking as long as the user agent waited.'),
  model: (a): { ms?: number; budget?: (typeof BUDGETS)[number]; severity?: 'must' | 'should' | 'may'; spec?: string } =>
    typeof a === 'number' ? { ms: a } : typeof a === 'string' ? { budget: a } : { ...(a.ms !== undefined ? { ms: a.ms } : { budget: a.budget ?? 'page' }), ...withRule(a) },
  judge: (exp, e) => gaveUpWithin(allowedMs(exp, e.budgets), e.loads, e.entries, exp.budget),
  loadsMs: (exp, budgets) => observedMs(allowedMs(exp, budgets)),
});

/** The time a scenario allows: its own ms, else the target config's budget. */
export function allowedMs(exp: { ms?: number; budget?: string }, budgets: Budgets | undefined): number {
  return exp.ms ?? budgets?.pageMs ?? SCENARIO_DEFAULTS.pageBudgetMs;
}

/** How long a load still waiting is watched: past the time allowed, by half as much again (2 to 15 s), to tell late from never. */
export function observedMs(allowed: number): number {
  return allowed + Math.min(15_000, Math.max(2_000, Math.round(allowed / 2)));
}

export function gaveUpWithin(ms: number, loads: PageLoads | undefined, entries: readonly JournalEntry[], budgetName?: string): Check {
  const allowed = budgetName ? `the ${budgetName} budget of ${seconds(ms)}` : `${ms} ms`;
  const expected = `the app answers every page load within ${allowed}, even while the provider hangs`;
  if (!loads) return { ok: false, expected, observed: 'page loads were not timed (no user agent)' };
  const slow = [
    ...loads.answered.filter((l) => l.ms > ms).map((l) => `${path(l.url)} answered ${l.status} after ${seconds(l.ms)} — it gave up, but over ${allowed}`),
    ...loads.unanswered
      .filter((l) => l.ms > ms)
      .map((l) => (l.error === STILL_WAITING ? `${path(l.url)} was still waiting after ${seconds(l.ms)} — it had not given up (${allowed})` : `${path(l.url)} got no answer in ${seconds(l.ms)} (${l.error ?? 'failed'})`)),
  ];
  // TLS connections (transport) stay open across requests: their duration says nothing of a hang.
  const held = entries.filter((e) => e.endpoint !== 'transport' && (e.outcome === 'hang' || e.durationMs > ms)).map((e) => `the ${endpointWords(e.endpoint)} ${e.outcome === 'hang' ? 'hung' : `took ${seconds(e.durationMs)}`}`);
  const why = held.length > 0 ? `; meanwhile ${[...new Set(held)].join(', ')}` : '';
  const slowest = Math.max(0, ...loads.answered.map((l) => l.ms), ...loads.unanswered.map((l) => l.ms));
  return {
    ok: slow.length === 0,
    expected,
    observed: slow.length > 0 ? `${slow.slice(0, 3).join('; ')}${slow.length > 3 ? '; …' : ''}${why}` : `every page load was answered, the slowest in ${seconds(slowest)}${why}`,
  };
}

/** What the runner says of a load still pending when it stopped watching. */
export const STILL_WAITING = 'still waiting when the harness stopped watching';

function seconds(ms: number): string {
  // Number() drops a trailing .0: "8 s", "8.5 s".
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;
}

function path(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search.length > 40 ? `${u.search.slice(0, 37)}...` : u.search}`;
}
