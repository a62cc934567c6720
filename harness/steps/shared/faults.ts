import type { ScenarioFault } from '../../scenario/scenario-fault.js';
import type { ScenarioContext } from '../step.js';

/** The faults in force leave with their counters (for the report) and the moment they ended (for recovers-within). */
export function retireFaults(ctx: Pick<ScenarioContext, 'idp' | 'obs'>): void {
  ctx.obs.faultChanges.push({ at: Date.now(), retired: ctx.idp.faults.list() });
  ctx.idp.faults.clear();
}

/** Set these faults at the provider; the ones that only set the stage are noted, so only the others count as applied. */
export async function addFaults(faults: readonly ScenarioFault[], ctx: Pick<ScenarioContext, 'idp' | 'obs'>): Promise<void> {
  if (faults.length === 0) return;
  const views = await ctx.idp.faults.add(faults.map(({ stage: _stage, ...spec }) => spec));
  views.forEach((view, i) => {
    if (faults[i]!.stage) ctx.obs.stageFaults.add(view.id);
  });
}
