import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import type { RunReport } from '../../../reports/index.js';
import { writeManifest } from '../../runner/manifest.js';
import { lockOutput } from '../../runner/output-lock.js';
import { INTERRUPT_GRACE_MS, startPlaywright, type PlaywrightRun } from '../../runner/playwright-process.js';
import { RESULT_FILE, type RunResult } from '../../runner/result-file.js';
import { clearRunState, recordedApps, writeStop, type RunStop } from '../../runner/run-stop.js';
import { EXIT } from '../../../errors/codes.js';
import { exitCodeOf } from '../exit-codes.js';
import { findConfigFile } from '../find-config.js';
import { usageError } from '../../util/usage-error.js';
import { parseRunOptions, type RunOptions } from './run-options.js';

export type { RunOptions };

/** The exit status of a run stopped by a signal, as shells report one: 128 + the signal's number. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * `authfault run`: validate everything first (exit 2 on bad input, before the app, the provider
 * or a browser starts), then hand the scenarios to Playwright Test and turn its outcome into an
 * exit code. Playwright's runner process is started at once and loads itself while the config
 * and the scenarios are validated here; it runs nothing until told to (playwright-process.ts).
 *
 * The run owns its output folder (output-lock.ts) and a temporary folder of its own, which every
 * process of the run uses as TMPDIR (the provider's CA files, Chromium's profile, the app's own
 * temporary files) and which goes when the run ends, however it ends. SIGINT and SIGTERM stop the
 * whole run: Playwright interrupts it (workers stop their apps and providers, the reports are
 * written, marked interrupted, with what finished), and after INTERRUPT_GRACE_MS whatever is left
 * is killed; the exit status is then 130 or 143.
 */
export async function runCommand(files: string[], options: RunOptions): Promise<number> {
  const cwd = process.cwd();
  const signals = watchSignals();
  try {
    const configFile = resolve(options.config ?? findConfigFile(cwd) ?? missingConfig(cwd));
    const flags = parseRunOptions(options, cwd);
    const outputDir = resolve(options.output);
    mkdirSync(join(outputDir, '.run'), { recursive: true });
    // The folder is this run's until it ends (output-lock.ts): a second run into it is refused.
    const lock = lockOutput(outputDir, cwd);
    const runTmp = mkdtempSync(join(tmpdir(), 'authfault-run-'));
    let runner: PlaywrightRun | undefined;
    try {
      const lastReport = options.lastFailed ? readLastReport(outputDir, cwd) : undefined;
      clearRunState(outputDir);
      rmSync(join(outputDir, RESULT_FILE), { force: true });
      const manifestFile = join(outputDir, '.run', 'manifest.json');
      runner = startPlaywright(manifestFile, runEnv(runTmp, flags.playwrightReporters), options.list ? ['--list'] : []);
      const started = runner;
      signals.onSignal((signal) => {
        writeStop(outputDir, { reason: signal, signal });
        started.interrupt();
        // Past the grace period, or at a second signal, whatever is left is ended.
        const timer = setTimeout(() => started.kill(), INTERRUPT_GRACE_MS);
        timer.unref();
        signals.onSignal(() => started.kill());
      });
      // The config, the scenarios and what checks them (yaml, zod, the fault registry, the
      // language) load now, while Playwright's runner loads itself: not before it is spawned.
      const { planRun } = await import('./run-plan.js');
      const manifest = await planRun({ files, cwd, configFile, outputDir, options, flags, lastReport });
      if (!manifest) {
        process.stdout.write('No scenarios to run (--pass-with-no-tests).\n');
        return EXIT.ok;
      }
      await writeManifest(manifestFile, manifest);
      // A signal while the files were read: nothing has started, nothing is left to report.
      if (signals.received) return SIGNAL_EXIT[signals.received];
      runner.go();

      const status = await runner.exited;
      runner = undefined;
      // Apps whose worker was killed before it could stop them run in groups of their own.
      for (const pgid of recordedApps(outputDir)) killGroup(pgid);
      if (options.list) return status === 0 ? EXIT.ok : EXIT.harness;
      const result = readResult(outputDir);
      if (!result) {
        const stop: RunStop | undefined = signals.received ? { reason: signals.received, signal: signals.received } : undefined;
        const { writeCrashReport } = await import('./run-crash-report.js');
        await writeCrashReport(manifest, stop ? `the run was stopped (${stop.reason}) and did not finish its reports in time` : `Playwright ended (exit ${status}) before authfault's reporter finished; see the output above`, stop);
        return stop?.signal ? SIGNAL_EXIT[stop.signal] : EXIT.harness;
      }
      if (result.stopped?.signal) return SIGNAL_EXIT[result.stopped.signal];
      if (signals.received) return SIGNAL_EXIT[signals.received];
      return exitCodeOf({ summary: result.summary, broken: [...result.errors, ...result.reporters, ...(result.stopped ? [result.stopped.reason] : [])], warnings: result.warnings }, flags.failOn);
    } finally {
      if (runner) {
        runner.kill();
        await runner.exited;
      }
      lock.release();
      rmSync(runTmp, { recursive: true, force: true });
    }
  } finally {
    signals.dispose();
  }
}

/**
 * The environment of every process of the run: TMPDIR (and Windows' TMP and TEMP) is the run's
 * own folder.
 *
 * PW_DISABLE_TS_ESM: Playwright's ES module loader, which exists to transpile TypeScript, is not
 * installed. authfault's Playwright config and spec are compiled JavaScript, and a TypeScript
 * authfault.config.ts is loaded here, by tsx; yet with the loader every module the runner and
 * each worker import (the provider, the drivers, the judge) went through a loader thread and
 * Babel. The one thing of the user's Playwright loads is a Playwright reporter (--reporter): one
 * written in TypeScript needs the loader, so such a run keeps it, and keeps Playwright's cache of
 * transpiled files where it always is (under a fresh TMPDIR it would transpile everything again).
 */
function runEnv(runTmp: string, playwrightReporters: readonly string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: runTmp, TMP: runTmp, TEMP: runTmp };
  if (playwrightReporters.some((file) => TYPESCRIPT.test(file))) {
    env.PLAYWRIGHT_TRANSFORM_CACHE_DIR ??= join(tmpdir(), `playwright-transform-cache-${process.getuid?.() ?? 'user'}`);
  } else {
    env.PW_DISABLE_TS_ESM = '1';
  }
  return env;
}

/** The files Playwright's loader transpiles as TypeScript. */
const TYPESCRIPT = /\.[cm]?tsx?$/;

interface Signals {
  /** The first SIGINT or SIGTERM received, if any. */
  readonly received: 'SIGINT' | 'SIGTERM' | undefined;
  /** What the next signal does (replacing what the last one did). Before any: leave as soon as it is safe. */
  onSignal(handler: (signal: 'SIGINT' | 'SIGTERM') => void): void;
  dispose(): void;
}

/** SIGINT and SIGTERM, handled from the start: without handlers, SIGTERM would end the CLI at once and leave its run behind. */
function watchSignals(): Signals {
  let received: 'SIGINT' | 'SIGTERM' | undefined;
  let handler: (signal: 'SIGINT' | 'SIGTERM') => void = () => undefined;
  const on = (signal: 'SIGINT' | 'SIGTERM') => () => {
    received ??= signal;
    handler(signal);
  };
  const int = on('SIGINT');
  const term = on('SIGTERM');
  process.on('SIGINT', int);
  process.on('SIGTERM', term);
  return {
    get received() {
      return received;
    },
    onSignal: (h) => {
      handler = h;
    },
    dispose: () => {
      process.off('SIGINT', int);
      process.off('SIGTERM', term);
    },
  };
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

function readResult(outputDir: string): RunResult | undefined {
  const file = join(outputDir, RESULT_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as RunResult;
}

/** The report of the run before this one, for --last-failed; read before this run replaces it. */
function readLastReport(outputDir: string, cwd: string): RunReport {
  const file = join(outputDir, 'report.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunReport;
  } catch {
    throw usageError(
      'AUTHFAULT_NO_LAST_RUN',
      `--last-failed reruns the scenarios that failed in the last run, read from ${relative(cwd, file)}, which ${existsSync(file) ? 'is not a report authfault can read' : 'does not exist'}; run without --last-failed first (with the json reporter, on by default), or name that run's folder with --output`,
    );
  }
}

function missingConfig(cwd: string): never {
  throw usageError(
    'AUTHFAULT_CONFIG_NOT_FOUND',
    `no authfault.config.(ts|mjs|js|yaml|yml|json) in ${basename(cwd) || cwd}; pass --config FILE, or create one with \`authfault init\``,
  );
}
