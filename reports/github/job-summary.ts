import { categoryMatrix } from '../category-matrix.js';
import { VERDICTS, type RunReport } from '../model.js';
import { formatDuration } from '../util/format-duration.js';
import { MAX_ANNOTATIONS } from './annotations.js';
import { md, mdCode } from './markdown.js';
import { problemHeadline, problemLocation, problems } from './problems.js';

/** A summary is capped at 1 MiB by GitHub; a few hundred problems stay far below it. */
const MAX_LISTED = 100;

const SYMBOL = { fail: '❌', error: '⛔', warn: '⚠️' } as Record<string, string>;

/**
 * The job summary (appended to $GITHUB_STEP_SUMMARY): the verdict line, the category matrix, and
 * every problem with its diagnosis and fix, so a reader need not open the logs.
 */
export function jobSummary(report: RunReport, options: { annotated: number }): string {
  const { run, summary } = report;
  const head = VERDICTS.map((v) => v).join(' | ');
  const rows = categoryMatrix(report.scenarios).map(({ category, counts }) => {
    const cells = VERDICTS.map((v) => (counts[v] === 0 ? '·' : v === 'pass' ? String(counts[v]) : `**${counts[v]}**`));
    return `| ${md(category)} | ${cells.join(' | ')} | ${counts.total} |`;
  });
  const listed = problems(report.scenarios);
  const lines = [
    `## authfault: ${md(run.target.name)}: ${summary.pass} passed, ${summary.fail} failed`,
    '',
    [
      `${summary.total} scenario${summary.total === 1 ? '' : 's'}`,
      summary.warn ? `${summary.warn} warned` : '',
      summary.error ? `${summary.error} could not be judged` : '',
      summary.skipped ? `${summary.skipped} skipped` : '',
      `seed ${mdCode(run.seed)}`,
      formatDuration(run.durationMs),
      run.shard ? `shard ${run.shard.current}/${run.shard.total}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
    '',
    `| category | ${head} | total |`,
    `| --- | ${VERDICTS.map(() => '---:').join(' | ')} | ---: |`,
    ...rows,
    '',
  ];
  if (listed.length > 0) {
    lines.push(`### Problems (${listed.length})`, '');
    for (const scenario of listed.slice(0, MAX_LISTED)) {
      const { line } = problemLocation(scenario);
      lines.push(
        `- ${SYMBOL[scenario.verdict]} **${scenario.verdict}** ${mdCode(scenario.id)} ${md(scenario.title)} (${md(scenario.category)}, ${md(scenario.severity)}) ${mdCode(`${scenario.file}:${line}`)}`,
        `  ${md(problemHeadline(scenario))}`,
      );
      if (scenario.diagnosis?.fix) lines.push(`  **How to fix:** ${md(scenario.diagnosis.fix)}`);
    }
    if (listed.length > MAX_LISTED) lines.push(`- … and ${listed.length - MAX_LISTED} more: see the HTML report.`);
    lines.push('');
    if (options.annotated < listed.length) {
      lines.push(`Only ${options.annotated} of the ${listed.length} problems are annotated on the scenario files: GitHub shows at most ${MAX_ANNOTATIONS} per step.`, '');
    }
  }
  return `${lines.join('\n')}\n`;
}
