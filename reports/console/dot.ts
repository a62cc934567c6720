import type { Verdict } from '../model.js';
import type { Progress, Reporter } from '../reporter.js';
import type { ConsoleReporterOptions } from './console-options.js';
import { errorLines } from './error-lines.js';
import { problemLines, scenarioLine } from './scenario-lines.js';
import { createStyle } from './style.js';
import { beginLine, summaryLines, writtenFileLines } from './summary-lines.js';
import { paintVerdict } from './verdict-label.js';

/** ASCII on purpose: dot output mostly lands in CI logs, where fonts and encodings vary. */
const DOTS: Record<Verdict, string> = { pass: '.', fail: 'F', warn: 'W', error: 'E', skipped: '-' };

/** Wrap so a long suite, with each line's ` [done/total]`, stays readable in 80 columns. */
const DOTS_PER_LINE = 60;

/**
 * One character per scenario as it finishes, each line ending with the scenarios done so far
 * (`.....F.... [10/42]`, the last line when the last scenario is in); at the end, the problems
 * (with their diagnoses, in file order) and the same summary as the list reporter.
 */
export function createDotReporter(options: ConsoleReporterOptions): Reporter {
  const style = createStyle(options.stream, options);
  let column = 0;
  let progress: Progress | undefined;
  const endLine = (): void => {
    if (column > 0) options.stream.write(progress ? ` [${String(progress.done).padStart(String(progress.total).length)}/${progress.total}]\n` : '\n');
    column = 0;
  };
  const print = (lines: string[]): void => {
    for (const line of lines) options.stream.write(`${line}\n`);
  };
  return {
    onBegin({ run, total }) {
      print([beginLine(run, total)]);
    },
    onScenarioEnd(scenario, latest) {
      if (column === DOTS_PER_LINE) endLine();
      options.stream.write(paintVerdict(scenario.verdict, DOTS[scenario.verdict], style));
      column++;
      progress = latest;
      if (latest.done === latest.total) endLine();
    },
    onError(error) {
      endLine();
      print(errorLines(error, style));
    },
    onEnd(report) {
      endLine();
      const problems = report.scenarios.flatMap((scenario) => {
        const details = problemLines(scenario, style);
        return details.length > 0 ? [scenarioLine(scenario, style), ...details] : [];
      });
      print([
        '',
        ...(problems.length > 0 ? [...problems, ''] : []),
        ...summaryLines(report.summary, report.run, style),
        ...writtenFileLines(options.writtenFiles ?? [], options.cwd ?? process.cwd()),
      ]);
    },
  };
}
