import { EXIT } from '../../errors/codes.js';
import type { Severity } from '../scenario/types.js';
import { usageError } from '../util/usage-error.js';
import type { Warnings } from '../verdict/warnings.js';

/** What a run (or a merge of its shards) ended with, for its exit code. */
export interface RunEnd {
  summary: { fail: number; error: number };
  /** What broke outside any scenario: the run's own errors, reporters that could not write their output. */
  broken: readonly string[];
  /** The warnings, by the strongest severity their scenario broke (warningsOf). */
  warnings?: Warnings;
}

/** The severities `--fail-on` takes: the weakest broken rule that still fails the run. */
export const FAIL_ON = ['must', 'should', 'may'] as const satisfies readonly Severity[];

/**
 * The exit code of `run` and `merge-reports`, one rule for both: 1 when a scenario failed, even if
 * something else broke too (a fail is a finding about the app that stands on its own evidence) —
 * or, with `--fail-on should` (or `may`), when a scenario warned on a rule that strong, the way a
 * linter takes a warning threshold; otherwise 3 when a scenario could not be judged or anything
 * broke — a reporter that could not write junit.xml leaves CI without the report it reads, so the
 * run must not look green; else 0.
 */
export function exitCodeOf(end: RunEnd, failOn: Severity = 'must'): number {
  if (end.summary.fail > 0) return EXIT.failed;
  const warned = end.warnings ?? { should: 0, may: 0 };
  if ((failOn !== 'must' && warned.should > 0) || (failOn === 'may' && warned.may > 0)) return EXIT.failed;
  if (end.summary.error > 0 || end.broken.length > 0) return EXIT.harness;
  return EXIT.ok;
}

/** `--fail-on must|should|may`; absent: must. */
export function parseFailOn(value: string | undefined): Severity {
  if (value === undefined) return 'must';
  if ((FAIL_ON as readonly string[]).includes(value)) return value as Severity;
  throw usageError('AUTHFAULT_BAD_OPTION', `--fail-on must be one of ${FAIL_ON.join(', ')}, got "${value}"`);
}
