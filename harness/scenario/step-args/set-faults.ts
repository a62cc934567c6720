import { z } from 'zod';
import { describeValue, parseFault, type FaultSpec } from '../../../mock-provider/common.js';
import type { Path, PathIssue } from '../../util/issues.js';
import { faultEditorSchema } from '../fault-schema.js';
import type { Decoded } from '../single-key.js';

/** For editors: the same faults as the top-level `faults:`. */
export const setFaultsArgs = z
  .array(faultEditorSchema)
  .min(1)
  .describe('Replace the faults in force with these (written as under `faults:`), from this step on.');

/** Each fault decoded by mock-provider's parseFault, exactly as the top-level `faults:` are. */
export function decodeFaultList(value: unknown, path: Path): Decoded<FaultSpec[]> {
  if (!Array.isArray(value)) {
    return { ok: false, issues: [{ code: 'INVALID_TYPE', path, message: `expected a list of faults, got ${describeValue(value)}`, expected: 'a list' }] };
  }
  if (value.length === 0) {
    return { ok: false, issues: [{ code: 'OUT_OF_RANGE', path, message: 'set-faults needs at least one fault; to remove every fault, use clear-faults' }] };
  }
  const faults: FaultSpec[] = [];
  const issues: PathIssue[] = [];
  value.forEach((item, i) => {
    const parsed = parseFault(item, [...path, i]);
    if (parsed.ok) faults.push(parsed.fault);
    else issues.push(...parsed.issues);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: faults };
}
