import { EXIT } from '../../errors/codes.js';

/** What a run (or a merge of its shards) ended with, for its exit code. */
export interface RunEnd {
  summary: { fail: number; error: number };
  /** What broke outside any scenario: the run's own errors, reporters that could not write their output. */
  broken: readonly string[];
}

/**
 * The exit code of `run` and `merge-reports`, one rule for both: 1 when a scenario failed, even if
 * something else broke too (a fail is a finding about the app that stands on its own evidence);
 * otherwise 3 when a scenario could not be judged or anything broke — a reporter that could not
 * write junit.xml leaves CI without the report it reads, so the run must not look green; else 0.
 */
export function exitCodeOf(end: RunEnd): number {
  if (end.summary.fail > 0) return EXIT.failed;
  if (end.summary.error > 0 || end.broken.length > 0) return EXIT.harness;
  return EXIT.ok;
}
