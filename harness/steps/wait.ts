import { setTimeout as sleep } from 'node:timers/promises';
import type { StepContext } from './context.js';

/**
 * wait — let time pass, for a lifetime that must run out (an access token the fault shortened to
 * two seconds, a Retry-After window). It never waits for the app: `wait-for` does that and
 * returns as soon as it can. The runner lengthens the scenario's time limit by every wait.
 */
export async function wait(step: { ms: number }, _ctx: StepContext): Promise<void> {
  await sleep(step.ms);
}
