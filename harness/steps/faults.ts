import type { FaultSpec } from '../../mock-provider/common.js';
import type { StepContext } from './context.js';

/** set-faults — from here on, these faults and no others. */
export async function setFaults(step: { faults: FaultSpec[] }, ctx: StepContext): Promise<void> {
  retire(ctx);
  await ctx.idp.faults.add(step.faults.map(toProviderFault));
}

/** clear-faults — from here on, the provider behaves. */
export async function clearFaults(_step: object, ctx: StepContext): Promise<void> {
  retire(ctx);
}

/** A fault as the provider's add() takes it: the kind's parameters beside kind, as in the file. */
export function toProviderFault(f: FaultSpec): Record<string, unknown> {
  return { kind: f.kind, ...f.params, ...(Object.keys(f.when).length ? { when: f.when } : {}) };
}

/** The faults in force leave with their counters (for the report) and the moment they ended (for recovers-within). */
function retire(ctx: StepContext) {
  ctx.obs.faultChanges.push({ at: Date.now(), retired: ctx.idp.faults.list() });
  ctx.idp.faults.clear();
}
