import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { SCENARIO_DEFAULTS } from '../scenario/defaults.js';
import { defineStep } from './step.js';

const MAX_S = SCENARIO_DEFAULTS.maxWaitMs / 1000;

/**
 * wait — let time pass, for a lifetime that must run out in real time (an access token the fault
 * made expire in 2 s, a Retry-After window).
 *
 * - Never a way to wait for the app: `wait-for` returns as soon as what it waits for has
 *   happened; a sleep is either too long (slow suites) or too short (flaky ones).
 * - Capped, because a long lifetime is shortened by the fault rather than waited out.
 * - The runner lengthens the scenario's time limit by every wait.
 */
export const wait = defineStep({
  args: z
    .union([
      z.strictObject({ ms: z.int().min(1).max(SCENARIO_DEFAULTS.maxWaitMs).describe(`Milliseconds, at most ${SCENARIO_DEFAULTS.maxWaitMs}.`) }),
      z.strictObject({ seconds: z.number().positive().max(MAX_S).describe(`Seconds, at most ${MAX_S}.`) }),
    ])
    .describe('Let a lifetime run out (an expiring token, a Retry-After window): `wait: { seconds: 3 }`. Never for synchronising — use wait-for.'),
  model: (a) => ({ ms: 'ms' in a ? a.ms : Math.round(a.seconds * 1000) }),
  title: ({ ms }) => (ms % 1000 === 0 ? `wait ${ms / 1000} s` : `wait ${ms} ms`),
  waitsMs: ({ ms }) => ms,
  browser: ({ ms }) => sleep(ms),
  http: ({ ms }) => sleep(ms),
});
