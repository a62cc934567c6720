import { z } from 'zod';
import type { JournalEntry } from '../../../mock-provider/common.js';
import type { Check } from '../check.js';
import type { JournalEvidence } from '../evidence.js';

/** Checked against the scenario's steps by the decoder, which knows how many there are. */
export const fromStepArgs = z.int().min(1).optional().describe('Only requests from the start of this step on (1 is the first step): what that step and the later ones caused.');

/** Judge only the entries from the start of step n (1-based) on, and say so. */
export function fromStep(n: number | undefined, evidence: JournalEvidence, check: (entries: readonly JournalEntry[]) => Check): Check {
  if (n === undefined) return check(evidence.entries);
  const mark = evidence.stepMarks?.[n - 1];
  // A step that never ran (an earlier one failed) caused nothing.
  const later = mark === undefined ? [] : evidence.entries.filter((e) => e.id > mark);
  const result = check(later);
  return { ...result, expected: `from step ${n} on, ${result.expected}`, observed: `from step ${n} on, ${result.observed}` };
}
