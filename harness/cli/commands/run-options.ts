import { createRequire } from 'node:module';
import { join } from 'node:path';
import { didYouMean } from '../../../mock-provider/basics.js';
// The names alone: reports/index.js would load every reporter before Playwright's runner is spawned.
import { REPORTER_NAMES } from '../../../reports/reporter-names.js';
import type { RunManifest } from '../../runner/manifest.js';
import { DRIVER_NAMES, type DriverName } from '../../scenario/driver-name.js';
import type { Severity } from '../../scenario/types.js';
import { usageError } from '../../util/usage-error.js';
import { parseFailOn } from '../exit-codes.js';

/**
 * `authfault run`'s flags, checked before anything starts: a bad one is exit 2 with what is
 * allowed. Playwright's own flags keep Playwright's names and meanings (--retries,
 * --repeat-each, --list, --last-failed, --pass-with-no-tests, --shard, --workers).
 */
export interface RunOptions {
  config?: string;
  workers?: string;
  grep?: string;
  reporter: string;
  output: string;
  seed?: string;
  shard?: string;
  timeout: string;
  headed?: boolean;
  trace: string;
  driver?: string;
  retries?: string;
  repeatEach?: string;
  list?: boolean;
  lastFailed?: boolean;
  passWithNoTests?: boolean;
  failOn?: string;
}

export interface ParsedRunOptions {
  workers?: number;
  timeoutMs: number;
  shard?: { current: number; total: number };
  trace: RunManifest['trace'];
  driver?: DriverName;
  retries: number;
  repeatEach: number;
  /** authfault's own reporters, by name. */
  reporters: string[];
  /** Playwright reporters from npm or a path (allure-playwright, ./my-reporter.js): resolved module files. */
  playwrightReporters: string[];
  /** --fail-on: the weakest broken rule that fails the run. */
  failOn: Severity;
}

export function parseRunOptions(options: RunOptions, cwd: string, env: NodeJS.ProcessEnv = process.env): ParsedRunOptions {
  const names = [...new Set(options.reporter.split(',').map((r) => r.trim()).filter(Boolean))];
  // On GitHub Actions, annotations and the job summary come without asking.
  if (env.GITHUB_ACTIONS === 'true' && !names.includes('github')) names.push('github');
  const own = names.filter((n) => (REPORTER_NAMES as readonly string[]).includes(n));
  return {
    ...(options.workers === undefined ? {} : { workers: wholeNumber(options.workers, '--workers', 1) }),
    timeoutMs: wholeNumber(options.timeout, '--timeout', 1),
    ...(options.shard === undefined ? {} : { shard: parseShard(options.shard) }),
    trace: parseTrace(options.trace),
    ...(options.driver === undefined ? {} : { driver: parseDriver(options.driver) }),
    retries: options.retries === undefined ? 0 : wholeNumber(options.retries, '--retries', 0),
    repeatEach: options.repeatEach === undefined ? 1 : wholeNumber(options.repeatEach, '--repeat-each', 1),
    reporters: own,
    playwrightReporters: names.filter((n) => !own.includes(n)).map((n) => resolveReporter(n, cwd)),
    failOn: parseFailOn(options.failOn),
  };
}

/**
 * A name that is none of authfault's reporters is a Playwright reporter, found as Playwright
 * finds one: a package installed in the project (allure-playwright) or a file (./reporter.js).
 * Playwright's built-in reporters that authfault has no equivalent of (line, blob) are not
 * offered: authfault's list and merge-reports do their jobs.
 */
function resolveReporter(name: string, cwd: string): string {
  const require = createRequire(join(cwd, 'package.json'));
  try {
    return require.resolve(name.startsWith('.') ? join(cwd, name) : name);
  } catch {
    const suggestion = didYouMean(name, REPORTER_NAMES);
    if (suggestion) throw usageError('AUTHFAULT_UNKNOWN_REPORTER', `Unknown reporter "${name}". Did you mean "${suggestion}"? Allowed: ${REPORTER_NAMES.join(', ')}, or a Playwright reporter installed here.`);
    throw usageError(
      'AUTHFAULT_UNKNOWN_REPORTER',
      `Unknown reporter "${name}": it is none of authfault's reporters (${REPORTER_NAMES.join(', ')}), and no Playwright reporter of that name is installed here. Install it (npm install --save-dev ${name.startsWith('.') ? '…' : name}), or give the path of a reporter file (./my-reporter.js).`,
    );
  }
}

function wholeNumber(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw usageError('AUTHFAULT_BAD_OPTION', `${flag} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

const TRACE_MODES = ['retain-on-failure', 'on', 'off'] as const;

function parseTrace(value: string): RunManifest['trace'] {
  if ((TRACE_MODES as readonly string[]).includes(value)) return value as RunManifest['trace'];
  throw usageError('AUTHFAULT_BAD_OPTION', `--trace must be one of ${TRACE_MODES.join(', ')}, got "${value}"`);
}

function parseDriver(value: string): DriverName {
  if ((DRIVER_NAMES as readonly string[]).includes(value)) return value as DriverName;
  throw usageError('AUTHFAULT_BAD_OPTION', `--driver must be one of ${DRIVER_NAMES.join(', ')}, got "${value}"`);
}

function parseShard(value: string): { current: number; total: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const current = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || current < 1 || total < 1 || current > total) {
    throw usageError('AUTHFAULT_BAD_OPTION', `--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/3), got "${value}"`);
  }
  return { current, total };
}
