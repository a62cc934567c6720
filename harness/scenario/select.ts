import { distance } from '../../mock-provider/basics.js';
import type { Scenario } from './types.js';

/** Why nothing was selected, for the person who typed the pattern. */
export interface NoMatch {
  message: string;
  /** The ids closest to what was typed, nearest first. */
  closest: string[];
}

/**
 * `--grep`: the scenarios whose id or whose title the regular expression matches, each tested on
 * its own, so `^state-` and `-tampered$` mean what they say. A pattern that matches nothing is a
 * mistake, not a run of nothing: it comes back with the ids closest to what was typed.
 */
export function grepScenarios(scenarios: readonly Scenario[], pattern: RegExp): Scenario[] | NoMatch {
  const selected = scenarios.filter((s) => pattern.test(s.id) || pattern.test(s.title));
  if (selected.length > 0) return selected;
  const typed = pattern.source.replace(/^\^|\$$/g, '').replace(/\\(.)/g, '$1');
  const limit = Math.max(2, Math.floor(typed.length / 3));
  const closest = scenarios
    .map((s) => ({ id: s.id, d: nearness(typed, s.id) }))
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((c) => c.id);
  const message = `--grep ${JSON.stringify(pattern.source)} matches no scenario id or title among the ${scenarios.length} to run${closest.length > 0 ? `; the closest ids: ${closest.join(', ')}` : '; no id is close to it'}`;
  return { message, closest };
}

/** How far `typed` is from the id or from any run of its words (`hang-tokn` is one edit from `hang-token`). */
function nearness(typed: string, id: string): number {
  const words = id.split('-');
  let best = distance(typed, id);
  for (let from = 0; from < words.length; from++) {
    for (let to = from + 1; to <= words.length; to++) best = Math.min(best, distance(typed, words.slice(from, to).join('-')));
  }
  return best;
}
