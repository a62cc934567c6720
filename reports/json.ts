import { resolve } from 'node:path';
import type { FileReporterOptions } from './file-reporter-options.js';
import type { Reporter } from './reporter.js';
import { writeFileAtomic } from './util/write-file-atomic.js';

export const JSON_REPORT_FILE = 'report.json';

/**
 * Writes `<outputDir>/report.json`: the RunReport itself, pretty-printed. It is the input of
 * merge-reports and of any tool of the team's own, so nothing is added or dropped.
 */
export function createJsonReporter(options: FileReporterOptions): Reporter {
  return {
    async onEnd(report) {
      const file = resolve(options.outputDir, JSON_REPORT_FILE);
      await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
      options.onWritten?.(file);
    },
  };
}
