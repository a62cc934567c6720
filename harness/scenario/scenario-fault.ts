import { z } from 'zod';
import { describeValue, parseFault, type FaultSpec } from '../../mock-provider/common.js';
import type { Path, PathIssue } from '../util/issues.js';

/**
 * A fault as a scenario writes it: the provider's fault, and whether it only sets the stage.
 *
 * - `stage: true` — the fault makes the situation the scenario is about (an access token that
 *   expires in two seconds, so that the app must refresh) rather than being what the app is
 *   judged on. Only the other faults, those under test, must act for the scenario to be judged;
 *   a scenario whose faults all set the stage is judged like a positive control.
 * - Everything else is the provider's own fault format, decoded by its parseFault.
 */
export type ScenarioFault = FaultSpec & { stage?: true };

export const stageKey = {
  stage: z
    .boolean()
    .optional()
    .describe('true: this fault only sets the stage (the scenario is judged whether or not it acts); the other faults are under test, and one of them must act.'),
};

export function decodeScenarioFault(item: unknown, path: Path): { ok: true; fault: ScenarioFault } | { ok: false; issues: PathIssue[] } {
  if (typeof item !== 'object' || item === null || Array.isArray(item) || !('stage' in item)) {
    const parsed = parseFault(item, [...path]);
    return parsed.ok ? { ok: true, fault: parsed.fault } : parsed;
  }
  const { stage, ...fault } = item as Record<string, unknown>;
  const parsed = parseFault(fault, [...path]);
  const issues: PathIssue[] = parsed.ok ? [] : [...parsed.issues];
  if (typeof stage !== 'boolean') issues.push({ code: 'INVALID_TYPE', path: [...path, 'stage'], message: `expected true or false, got ${describeValue(stage)}`, expected: 'a boolean' });
  if (!parsed.ok || issues.length > 0) return { ok: false, issues };
  return { ok: true, fault: stage ? { ...parsed.fault, stage: true } : parsed.fault };
}
