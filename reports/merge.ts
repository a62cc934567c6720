import type { RunInfo, RunReport, ScenarioReport } from './model.js';
import { runReport } from './run-report.js';
import { ReportError } from './util/errors.js';

/**
 * Merges the reports of a run's shards into the report the unsharded run would have written:
 * - every shard must share the run's seed (AUTHFAULT_MERGE_SEED_MISMATCH), since reports of
 *   different runs cannot be told apart otherwise and their union would describe no real run;
 * - a scenario may appear once only (AUTHFAULT_MERGE_DUPLICATE_SCENARIO): a glob that also
 *   matches an earlier merged report must not double the counts;
 * - scenarios in file, line, column order; the summary recounted; the run spans from the earliest
 *   start to the latest end; the shard field dropped. Other run fields come from the first report.
 */
export function mergeReports(reports: readonly RunReport[]): RunReport {
  const [first] = reports;
  if (!first) throw new ReportError('AUTHFAULT_MERGE_EMPTY', 'No reports to merge: give at least one report.json.');
  const other = reports.find((report) => report.run.seed !== first.run.seed);
  if (other) {
    throw new ReportError(
      'AUTHFAULT_MERGE_SEED_MISMATCH',
      `Cannot merge reports of different runs: seed "${first.run.seed}"${shardLabel(first.run)} and ` +
        `seed "${other.run.seed}"${shardLabel(other.run)}. The shards of one run share its seed; ` +
        'merge only the reports of one run, or run every shard with the same --seed.',
    );
  }

  const scenarios = reports.flatMap((report) => report.scenarios).sort(byLocation);
  const duplicate = scenarios.find((scenario, i) => i > 0 && sameScenario(scenario, scenarios[i - 1]!));
  if (duplicate) {
    throw new ReportError(
      'AUTHFAULT_MERGE_DUPLICATE_SCENARIO',
      `Scenario "${duplicate.id}" (${duplicate.file}:${duplicate.line}) is in more than one report. ` +
        'Merge each shard once, and leave earlier merged reports out.',
    );
  }

  const start = Math.min(...reports.map((report) => Date.parse(report.run.startedAt)));
  const end = Math.max(...reports.map((report) => Date.parse(report.run.startedAt) + report.run.durationMs));
  const run: RunInfo = { ...first.run, startedAt: new Date(start).toISOString(), durationMs: end - start };
  delete run.shard;
  return runReport(run, scenarios);
}

function byLocation(a: ScenarioReport, b: ScenarioReport): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.id, b.id);
}

/** Code-unit order, not locale order: the merged file must be the same on every CI machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameScenario(a: ScenarioReport, b: ScenarioReport): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column && a.id === b.id;
}

function shardLabel(run: RunInfo): string {
  return run.shard ? ` (shard ${run.shard.current}/${run.shard.total})` : '';
}
