import { stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { createReporters, gatherEvidence, JSON_REPORT_FILE, mergeReports, readReport } from '../../../reports/index.js';
import { exitCodeOf, parseFailOn } from '../exit-codes.js';
import { warningsOf } from '../../verdict/warnings.js';
import { usageError } from '../../util/usage-error.js';
import { CLI_DEFAULTS } from '../defaults.js';

export interface MergeReportsOptions {
  output: string;
  reporter: string;
  failOn?: string;
}

/**
 * `authfault merge-reports DIR...`: the shards of one run (`authfault run --shard i/n`) become the
 * reports one unsharded run would have written. Each DIR is a shard's output folder (or its
 * report.json); the shards' screenshots and traces are copied into the output folder. Reporters
 * see the merged scenarios as a run's would, in file order, then the end. Exit codes are a run's
 * (exitCodeOf): 0 all passed, 1 some failed, 2 bad input, 3 a scenario could not be judged or a
 * reporter broke.
 */
export async function mergeReportsCommand(inputs: string[], options: MergeReportsOptions): Promise<number> {
  const cwd = process.cwd();
  const outputDir = resolve(options.output);
  const files = await Promise.all(inputs.map((input) => reportFile(resolve(input))));
  const clash = files.find(({ dir }) => dir === outputDir);
  if (clash) {
    throw usageError(
      'AUTHFAULT_BAD_OPTION',
      `--output ${options.output} is one of the folders being merged; write the merged report somewhere else (e.g. --output ${CLI_DEFAULTS.output}-merged)`,
    );
  }
  const names = options.reporter.split(',').map((r) => r.trim()).filter(Boolean);
  const reporters = createReporters(names, { outputDir, cwd });

  const shards = await Promise.all(files.map(async ({ file, dir }) => gatherEvidence(await readReport(file), dir, { cwd, outputDir })));
  const merged = mergeReports(shards);
  const total = merged.scenarios.length;
  merged.scenarios.forEach((scenario, i) => reporters.onScenarioEnd?.(scenario, { done: i + 1, total }));
  await reporters.onEnd?.(merged);

  return exitCodeOf({ summary: merged.summary, broken: reporters.failures.map((f) => f.reporter), warnings: warningsOf(merged.scenarios) }, parseFailOn(options.failOn));
}

/** A shard folder holds report.json; a path to the file itself is accepted too. */
async function reportFile(path: string): Promise<{ file: string; dir: string }> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile()) return { file: path, dir: resolve(path, '..') };
  const file = join(path, JSON_REPORT_FILE);
  if (info?.isDirectory() && (await stat(file).catch(() => undefined))?.isFile()) return { file, dir: path };
  const shown = relative(process.cwd(), path) || '.';
  throw usageError(
    'AUTHFAULT_REPORT_NOT_FOUND',
    info
      ? `${shown} has no ${JSON_REPORT_FILE}; give the output folder of each shard (run with the json reporter, which is on by default)`
      : `${shown} does not exist; give the output folder of each shard's run`,
  );
}
