import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// Small statistics and argument helpers shared by the benchmarks.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summary(values) {
  return { min: Math.min(...values), median: median(values), max: Math.max(...values) };
}

export const fixed = (n, digits = 0) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
export const ratio = (a, b) => (b > 0 ? a / b : NaN);

/** `--name value` or `--name=value` from argv, as a whole number ≥ min. */
export function intArg(argv, name, fallback, min = 1) {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const raw = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
}

/** Whether this module is the script node was started with. */
export function isMain(metaUrl) {
  return process.argv[1] !== undefined && metaUrl === pathToFileURL(realpathSync(process.argv[1])).href;
}
