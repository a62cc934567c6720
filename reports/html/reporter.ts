import { resolve } from 'node:path';
import type { FileReporterOptions } from '../file-reporter-options.js';
import type { Reporter } from '../reporter.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { loadEvidence } from './evidence.js';
import { reportPage } from './page.js';

export const HTML_REPORT_FILE = 'index.html';

/**
 * Writes `<outputDir>/index.html`: one self-contained page for people (summary, category matrix,
 * filters, and per scenario the diagnosis, faults, steps, request-flow diagram and evidence).
 * `authfault show-report` opens it; so does a double click.
 */
export function createHtmlReporter(options: FileReporterOptions): Reporter {
  return {
    async onEnd(report) {
      const cwd = options.cwd ?? process.cwd();
      const evidence = await Promise.all(report.scenarios.map((s) => loadEvidence(s.evidence, { cwd, outputDir: options.outputDir })));
      const file = resolve(options.outputDir, HTML_REPORT_FILE);
      await writeFileAtomic(file, reportPage(report, evidence));
      options.onWritten?.(file);
    },
  };
}
