import { z } from 'zod';
import type { JournalEntry } from '../../../mock-provider/common.js';
import { SCENARIO_DEFAULTS } from '../../scenario/defaults.js';
import { rule, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineIdpExpectation } from '../expectation.js';

/**
 * single-flight-refresh — refreshes never stampede: no refresh_token grant starts within
 * `window_ms` of the one before it. Calls that fail together on one expired access token must
 * share one refresh; with refresh-token rotation every extra grant presents a used refresh token.
 */
export const singleFlightRefreshExpectation = defineIdpExpectation({
  args: z
    .union([
      z.null(),
      z.strictObject({
        window_ms: z.int().min(1).optional().describe(`How close together two refreshes must start to count as a stampede; default ${SCENARIO_DEFAULTS.singleFlightWindowMs}.`),
        ...rule,
      }),
    ])
    .describe('No refresh stampede: no two refresh_token grants started within window_ms of each other (calls that fail together share one refresh).'),
  model: (a) => ({ windowMs: a?.window_ms ?? SCENARIO_DEFAULTS.singleFlightWindowMs, ...withRule(a) }),
  judge: (exp, e) => singleFlightRefresh(exp.windowMs, e.entries),
});

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
