import { z } from 'zod';
import { describeValue } from '../../mock-provider/common.js';
import { faultEditorSchema } from '../scenario/fault-schema.js';
import { decodeScenarioFault, type ScenarioFault } from '../scenario/scenario-fault.js';
import type { Decoded } from '../scenario/single-key.js';
import type { Path, PathIssue } from '../util/issues.js';
import { addFaults, retireFaults } from './shared/faults.js';
import { defineStep, type ScenarioContext } from './step.js';

/**
 * set-faults — from here on, these faults and no others.
 *
 * - Written as under `faults:`, and decoded by the provider's parseFault exactly as they are.
 * - The faults in force before leave with their counters, for the report and recovers-within.
 */
export const setFaults = defineStep({
  args: z.array(faultEditorSchema).min(1).describe('Replace the faults in force with these (written as under `faults:`), from this step on.'),
  decode: decodeFaultList,
  model: (faults: ScenarioFault[]) => ({ faults }),
  title: ({ faults }) => `set faults ${faults.map((f) => f.kind).join(', ')}`,
  faults: ({ faults }) => faults,
  browser: (step, ctx) => replaceFaults(step.faults, ctx),
  http: (step, ctx) => replaceFaults(step.faults, ctx),
});

async function replaceFaults(faults: readonly ScenarioFault[], ctx: ScenarioContext): Promise<void> {
  retireFaults(ctx);
  await addFaults(faults, ctx);
}

function decodeFaultList(value: unknown, path: Path): Decoded<ScenarioFault[]> {
  if (!Array.isArray(value)) {
    return { ok: false, issues: [{ code: 'INVALID_TYPE', path, message: `expected a list of faults, got ${describeValue(value)}`, expected: 'a list' }] };
  }
  if (value.length === 0) {
    return { ok: false, issues: [{ code: 'OUT_OF_RANGE', path, message: 'set-faults needs at least one fault; to remove every fault, use clear-faults' }] };
  }
  const faults: ScenarioFault[] = [];
  const issues: PathIssue[] = [];
  value.forEach((item, i) => {
    const parsed = decodeScenarioFault(item, [...path, i]);
    if (parsed.ok) faults.push(parsed.fault);
    else issues.push(...parsed.issues);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: faults };
}
