import { z } from 'zod';
import { SCENARIO_DEFAULTS } from '../defaults.js';

const MAX_S = SCENARIO_DEFAULTS.maxWaitMs / 1000;

/**
 * Let time pass, for a lifetime that must run out in real time (an access token the fault made
 * expire in 2 s, a Retry-After window). Never a way to wait for the app: `wait-for` returns as
 * soon as what it waits for has happened; a sleep is either too long (slow suites) or too short
 * (flaky ones). Capped, because a long lifetime is shortened by the fault rather than waited out.
 */
export const waitArgs = z
  .union([
    z.strictObject({ ms: z.int().min(1).max(SCENARIO_DEFAULTS.maxWaitMs).describe(`Milliseconds, at most ${SCENARIO_DEFAULTS.maxWaitMs}.`) }),
    z.strictObject({ seconds: z.number().positive().max(MAX_S).describe(`Seconds, at most ${MAX_S}.`) }),
  ])
  .describe('Let a lifetime run out (an expiring token, a Retry-After window): `wait: { seconds: 3 }`. Never for synchronising — use wait-for.');

export function waitMs(a: z.output<typeof waitArgs>): number {
  return 'ms' in a ? a.ms : Math.round(a.seconds * 1000);
}

export function waitTitle(ms: number): string {
  return ms % 1000 === 0 ? `wait ${ms / 1000} s` : `wait ${ms} ms`;
}
