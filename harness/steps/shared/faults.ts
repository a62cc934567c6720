import type { FaultSpec } from '../../../mock-provider/common.js';
import type { ScenarioContext } from '../step.js';

/** A fault as the provider's add() takes it: the kind's parameters beside kind, as in the file. */
export function toProviderFault(f: FaultSpec): Record<string, unknown> {
  return { kind: f.kind, ...f.params, ...(Object.keys(f.when).length ? { when: f.when } : {}) };
}

/** The faults in force leave with their counters (for the report) and the moment they ended (for recovers-within). */
export function retireFaults(ctx: Pick<ScenarioContext, 'idp' | 'obs'>): void {
  ctx.obs.faultChanges.push({ at: Date.now(), retired: ctx.idp.faults.list() });
  ctx.idp.faults.clear();
}
