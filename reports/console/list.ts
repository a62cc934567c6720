import type { Reporter } from '../reporter.js';
import type { ConsoleReporterOptions } from './console-options.js';
import { errorLines } from './error-lines.js';
import { problemLines, scenarioLine } from './scenario-lines.js';
import { createStyle } from './style.js';
import { beginLine, summaryLines, writtenFileLines } from './summary-lines.js';

/**
 * One line per scenario as it finishes, with the diagnosis under every fail, warn and error, then
 * the summary. Nothing is printed when a scenario begins: with parallel workers those lines would
 * interleave and say nothing a finished line does not.
 */
export function createListReporter(options: ConsoleReporterOptions): Reporter {
  const style = createStyle(options.stream, options);
  const print = (lines: string[]): void => {
    for (const line of lines) options.stream.write(`${line}\n`);
  };
  return {
    onBegin({ run, total }) {
      print([beginLine(run, total), '']);
    },
    onScenarioEnd(scenario, progress) {
      print([scenarioLine(scenario, style, progress), ...problemLines(scenario, style)]);
    },
    onError(error) {
      print(errorLines(error, style));
    },
    onEnd(report) {
      print([
        '',
        ...summaryLines(report.summary, report.run, style),
        ...writtenFileLines(options.writtenFiles ?? [], options.cwd ?? process.cwd()),
      ]);
    },
  };
}
