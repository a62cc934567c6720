import { z } from 'zod';
import { SCENARIO_DEFAULTS } from '../../scenario/defaults.js';
import { rule, withRule } from '../../scenario/severity.js';
import type { Loc } from '../../scenario/types.js';
import { defineAppExpectation } from '../expectation.js';

const ms = z.int().min(1).max(SCENARIO_DEFAULTS.maxWaitMs);

/**
 * recovers-within — once the faults have ended, the user is signed in within `ms`.
 *
 * - Measured by the runner (verdict/recovery.ts): from the recovery point, by the steps'
 *   signed-in sign, or else by the harness signing in again as a person would, until the time is up.
 * - The faults must end (when.times, when.nth or a clear-faults step): the scenario language
 *   refuses a scenario whose faults never do.
 * - Signing in again by a click (login.click) needs a browser.
 */
export const recoversWithinExpectation = defineAppExpectation({
  args: z
    .union([ms.describe('Milliseconds.'), z.strictObject({ ms: ms.describe('Milliseconds.'), ...rule })])
    .describe(
      'Once the faults have ended (the last clear-faults step, or the last request a fault with when.times or when.nth changed), the user is signed in within this many ms — by the steps, or else by the harness signing in again until the time is up.',
    ),
  model: (a) => (typeof a === 'number' ? { ms: a } : { ms: a.ms, ...withRule(a) }),
  judge: (exp, e) => e.recovery ?? { ok: false, expected: `once the faults end, the user is signed in within ${exp.ms} ms`, observed: 'recovery was not measured' },
  waitsMs: ({ ms: within }) => within + SCENARIO_DEFAULTS.stepTimeoutMs,
});

/** A recovers-within expectation as the runner gets it. */
export type RecoversWithin = { type: 'recovers-within'; loc: Loc } & ReturnType<typeof recoversWithinExpectation.model>;

export function isRecoversWithin(e: { type: string }): e is RecoversWithin {
  return e.type === 'recovers-within';
}
