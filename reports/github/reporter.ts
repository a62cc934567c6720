import { appendFile } from 'node:fs/promises';
import type { Reporter } from '../reporter.js';
import { annotationLines, MAX_ANNOTATIONS } from './annotations.js';
import { jobSummary } from './job-summary.js';

export interface GithubReporterOptions {
  /** Where workflow commands go; the runner reads them from the step's stdout. */
  stream: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  /** What scenario files are relative to; defaults to process.cwd(). */
  cwd?: string;
  /** At most this many annotations; defaults to GitHub's own limit of 10 per step. */
  maxAnnotations?: number;
}

/**
 * GitHub Actions output, only when GITHUB_ACTIONS=true (elsewhere it does nothing, so the same
 * command line works locally): annotations on the scenario files for every fail, error and warn,
 * and a Markdown job summary appended to $GITHUB_STEP_SUMMARY.
 */
export function createGithubReporter(options: GithubReporterOptions): Reporter {
  const env = options.env ?? process.env;
  return {
    async onEnd(report) {
      if (env.GITHUB_ACTIONS !== 'true') return;
      const { lines, annotated } = annotationLines(report.scenarios, {
        cwd: options.cwd ?? process.cwd(),
        workspace: env.GITHUB_WORKSPACE,
        max: options.maxAnnotations ?? MAX_ANNOTATIONS,
      });
      for (const line of lines) options.stream.write(`${line}\n`);
      if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, jobSummary(report, { annotated }), 'utf8');
    },
  };
}
