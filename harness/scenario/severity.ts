import { z } from 'zod';
import type { Severity } from './types.js';

export const SEVERITIES = ['must', 'should', 'may'] as const satisfies readonly Severity[];

/**
 * The `severity:` an expectation's mapping form may carry, for a rule the spec words more weakly
 * (or more strongly) than the scenario's other rules. Without it the expectation takes the
 * scenario's severity.
 */
export const severityOverride = z
  .enum(SEVERITIES)
  .optional()
  .describe('This expectation’s own severity (must | should | may); default: the scenario’s.');

/** `{ severity }` when given, else nothing: the model carries only overrides. */
export function withSeverity(args: { severity?: Severity } | null | undefined): { severity?: Severity } {
  return args?.severity ? { severity: args.severity } : {};
}
