/**
 * authfault's reports: the data model the harness fills, and the reporters that turn it into
 * console output, report.json, junit.xml, index.html and GitHub Actions annotations. Imports
 * nothing from the harness or the provider.
 */

/**
 * The report data model.
 * @example const failed = report.scenarios.filter((s) => s.verdict === 'fail');
 */
export type {
  Category,
  Diagnosis,
  Evidence,
  FaultApplied,
  JournalEntry,
  RunInfo,
  RunReport,
  ScenarioReport,
  Severity,
  StepReport,
  Summary,
  Verdict,
} from './model.js';

/**
 * Verdicts and categories in display order, and the count of scenarios per verdict.
 * @example const summary = summarize(scenarios); // { pass: 12, fail: 2, …, total: 15 }
 */
export { CATEGORIES, VERDICTS, summarize } from './model.js';

/**
 * A run's report from its run information and its scenarios, the summary counted from them.
 * @example const report = runReport({ seed, startedAt, durationMs, target, authfaultVersion }, scenarios);
 */
export { runReport } from './run-report.js';

/**
 * The interface every reporter implements; all hooks are optional.
 * @example const quiet: Reporter = { onEnd: (report) => console.log(report.summary.fail) };
 */
export type { Progress, Reporter, ReporterHook, ScenarioStart } from './reporter.js';

/**
 * Reporters by name behind one multiplexer: `list`, `dot`, `json`, `junit`, `html`, `github`.
 * @example const reporter = createReporters(['list', 'junit'], { outputDir: 'authfault-report' });
 */
export { REPORTER_NAMES, createReporters } from './registry.js';
export type { CreateReportersOptions, ReporterName } from './registry.js';

/**
 * Fans hooks out to several reporters; one that throws never loses the others' output.
 * @example const all = createMultiplexer([{ name: 'mine', reporter: mine }]);
 */
export { createMultiplexer } from './multiplexer.js';
export type { Multiplexer, NamedReporter, ReporterFailure } from './multiplexer.js';

/**
 * The console reporters: a line per scenario, or a character per scenario.
 * @example createListReporter({ stream: process.stdout, color: false });
 */
export { createDotReporter } from './console/dot.js';
export { createListReporter } from './console/list.js';
export type { ConsoleReporterOptions } from './console/console-options.js';

/**
 * The file reporters: `<outputDir>/report.json` and `<outputDir>/junit.xml`.
 * @example createJunitReporter({ outputDir: 'authfault-report' });
 */
export { JSON_REPORT_FILE, createJsonReporter } from './json.js';
export { JUNIT_REPORT_FILE, createJunitReporter } from './junit.js';
export type { FileReporterOptions } from './file-reporter-options.js';

/**
 * The HTML report: `<outputDir>/index.html`, one self-contained page.
 * @example createHtmlReporter({ outputDir: 'authfault-report' });
 */
export { HTML_REPORT_FILE, createHtmlReporter } from './html/reporter.js';

/**
 * GitHub Actions annotations and job summary; silent unless GITHUB_ACTIONS=true.
 * @example createGithubReporter({ stream: process.stdout });
 */
export { createGithubReporter } from './github/reporter.js';
export type { GithubReporterOptions } from './github/reporter.js';

/**
 * The eight categories × verdicts counts the HTML report and the job summary show.
 * @example categoryMatrix(report.scenarios).find((row) => row.category === 'tokens')!.counts.fail
 */
export { categoryMatrix } from './category-matrix.js';
export type { CategoryMatrix } from './category-matrix.js';

/**
 * Merging the reports of a run's shards, reading report.json files to merge, and re-pointing
 * (and copying) each shard's screenshots and traces from wherever its folder now lies.
 * @example const merged = mergeReports(await Promise.all(files.map(readReport)));
 */
export { mergeReports } from './merge.js';
export { readReport } from './read-report.js';
export { gatherEvidence } from './merge-evidence.js';

/**
 * Errors thrown by reports/, with stable codes such as AUTHFAULT_UNKNOWN_REPORTER.
 * @example if (error instanceof ReportError && error.code === 'AUTHFAULT_MERGE_SEED_MISMATCH') …
 */
export { ReportError } from './util/errors.js';
export type { ReportErrorCode } from './util/errors.js';
