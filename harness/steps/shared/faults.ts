import type { ScenarioContext } from '../step.js';

/** The faults in force leave with their counters (for the report) and the moment they ended (for recovers-within). */
export function retireFaults(ctx: Pick<ScenarioContext, 'idp' | 'obs'>): void {
  ctx.obs.faultChanges.push({ at: Date.now(), retired: ctx.idp.faults.list() });
  ctx.idp.faults.clear();
}
