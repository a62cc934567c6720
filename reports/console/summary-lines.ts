import { isAbsolute, relative, sep } from 'node:path';
import { VERDICTS, type RunInfo, type Summary, type Verdict } from '../model.js';
import { formatDuration } from '../util/format-duration.js';
import type { Style } from './style.js';
import { paintVerdict } from './verdict-label.js';

const WORDS: Record<Verdict, (n: number) => string> = {
  pass: () => 'passed',
  fail: () => 'failed',
  warn: () => 'warned',
  error: (n) => (n === 1 ? 'error' : 'errors'),
  skipped: () => 'skipped',
};

/** `Running 15 scenarios against careful-app using 4 workers, shard 1/2 (seed 42)`. */
export function beginLine(run: RunInfo, total: number): string {
  const parts = [`Running ${plural(total, 'scenario')} against ${run.target.name}`];
  if (run.workers !== undefined) parts.push(` using ${plural(run.workers, 'worker')}`);
  if (run.shard) parts.push(`, shard ${run.shard.current}/${run.shard.total}`);
  parts.push(` (seed ${run.seed})`);
  return parts.join('');
}

/**
 * The end of a run, for people and for CI, printed once:
 * - `15 scenarios in 3.4s (seed 42)`
 * - every verdict's count, non-zero ones coloured: `12 passed, 2 failed, 1 warned, 0 errors, 0 skipped`
 *   (it starts `N passed, N failed`, which CI tooling can match)
 * - for a run that stopped early: `Interrupted (SIGTERM): 63 scenarios not run`, or
 *   `Stopped (the app did not start: …): 86 scenarios not run`
 */
export function summaryLines(summary: Summary, run: RunInfo, style: Style): string[] {
  const counts = VERDICTS.map((verdict) => {
    const text = `${summary[verdict]} ${WORDS[verdict](summary[verdict])}`;
    return summary[verdict] > 0 ? paintVerdict(verdict, text, style) : text;
  });
  return [
    `${plural(summary.total, 'scenario')} in ${formatDuration(run.durationMs)} (seed ${run.seed})`,
    counts.join(', '),
    ...(run.interrupted ? [`${stoppedBy(run.interrupted.reason)}: ${plural(run.interrupted.notRun.length, 'scenario')} not run`] : []),
  ];
}

/**
 * The files the file reporters wrote, relative to cwd so they are short and can be pasted into a
 * shell; absolute when they lie outside cwd, where `../../` chains help nobody.
 */
export function writtenFileLines(files: readonly string[], cwd: string): string[] {
  if (files.length === 0) return [];
  const shown = files.map((file) => {
    const path = relative(cwd, file);
    return path.startsWith(`..${sep}`) || isAbsolute(path) ? file : path;
  });
  return ['Reports:', ...shown.map((path) => `  ${path}`)];
}

function stoppedBy(reason: string): string {
  return /^SIG[A-Z]+$/.test(reason) ? `Interrupted (${reason})` : `Stopped (${reason})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
