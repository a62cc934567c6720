import { z } from 'zod';
import { SEVERITIES } from './severities.js';
import type { Severity } from './types.js';

export { SEVERITIES };

/**
 * The `severity:` an expectation's mapping form may carry, for a rule the spec words more weakly
 * (or more strongly) than the scenario's other rules. Without it the expectation takes the
 * scenario's severity.
 */
export const severityOverride = z
  .enum(SEVERITIES)
  .optional()
  .describe('This expectation’s own severity (must | should | may); default: the scenario’s.');

/** A name under the scenario's `spec:`: lowercase words, digits and dashes. */
export const SPEC_ID = /^[a-z0-9][a-z0-9-]*$/;

/** The `spec:` an expectation's mapping form may carry: which quoted sentence of the scenario it enforces. */
export const specReference = z
  .string()
  .regex(SPEC_ID, 'a name under the scenario’s spec:, such as "validate-response"')
  .optional()
  .describe('The sentence this rule enforces: a name under the scenario’s `spec:`. A `must` rule of the bundled suite always names one.');

/** What every expectation's mapping form may add: its own severity and the sentence behind it. */
export const rule = { severity: severityOverride, spec: specReference };

/**
 * The arguments of an expectation that takes nothing but its rule: `no-code-reuse:` (null) or
 * `no-code-reuse: { severity: should, spec: code-once }`. A new schema each call, so the JSON
 * Schema written for editors inlines it where it is used.
 */
export function ruleOnly() {
  return z.union([z.null(), z.strictObject({ ...rule })]);
}

/** `{ severity, spec }` as given, else nothing: the model carries only what was written. */
export function withRule(args: { severity?: Severity; spec?: string } | null | undefined): { severity?: Severity; spec?: string } {
  return { ...(args?.severity ? { severity: args.severity } : {}), ...(args?.spec ? { spec: args.spec } : {}) };
}
