import { relative, resolve } from 'node:path';
import { newSeed } from '../../../mock-provider/basics.js';
import { createReporters, type RunReport } from '../../../reports/index.js';
import { findBrowser } from '../../browser/find-browser.js';
import { loadConfig } from '../../config/load.js';
import { targetClicks } from '../../config/target-clicks.js';
import { loadScenarios } from '../../language/load.js';
import type { RunManifest } from '../../runner/manifest.js';
import { planScenarios } from '../../runner/plan-scenarios.js';
import { grepScenarios } from '../../scenario/select.js';
import type { Scenario } from '../../scenario/types.js';
import { throwIfIssues } from '../../util/issues.js';
import type { ErrorCode } from '../../../errors/codes.js';
import { usageError } from '../../util/usage-error.js';
import { VERSION } from '../version.js';
import type { ParsedRunOptions, RunOptions } from './run-options.js';

export interface PlanRunInput {
  files: string[];
  cwd: string;
  configFile: string;
  outputDir: string;
  options: RunOptions;
  flags: ParsedRunOptions;
  /** The last run's report, for --last-failed. */
  lastReport: RunReport | undefined;
}

/**
 * What `authfault run` hands to Playwright: the config and the scenarios loaded and checked, the
 * ones to run chosen, the reporters' names checked, every scenario planned. Its own module, which
 * run.ts imports once Playwright's runner is spawned: the runner loads itself meanwhile. Undefined
 * when there is nothing to run and --pass-with-no-tests allows it.
 */
export async function planRun({ files, cwd, configFile, outputDir, options, flags, lastReport }: PlanRunInput): Promise<RunManifest | undefined> {
  const config = await loadConfig(configFile);
  const paths = files.length > 0 ? files.map((f) => resolve(f)) : config.scenarios;
  const { scenarios: loaded, issues } = await loadScenarios(paths, cwd, { pages: Object.keys(config.pages), targetClicks: targetClicks(config) });
  throwIfIssues('AUTHFAULT_SCENARIO_INVALID', issues);
  const scenarios = select(loaded, paths, cwd, options, lastReport);
  if (scenarios.length === 0) return undefined;
  createReporters(flags.reporters, { outputDir, cwd });
  return {
    version: 1,
    cwd,
    configFile,
    targetName: config.name,
    config,
    scenarios,
    plans: planScenarios(scenarios, config, flags.driver),
    seed: options.seed ?? config.provider?.seed ?? newSeed(),
    outputDir,
    reporters: flags.reporters,
    playwrightReporters: flags.playwrightReporters,
    browser: findBrowser(),
    timeoutMs: flags.timeoutMs,
    trace: flags.trace,
    retries: flags.retries,
    repeatEach: flags.repeatEach,
    startedAt: new Date().toISOString(),
    authfaultVersion: VERSION,
    ...(flags.workers ? { workers: flags.workers } : {}),
    ...(flags.shard ? { shard: flags.shard } : {}),
    ...(options.headed ? { headed: true } : {}),
    ...(flags.driver ? { driver: flags.driver } : {}),
    ...(options.list ? { list: true } : {}),
  };
}

/**
 * The scenarios to run: --grep (against each id and title, applied here rather than by
 * Playwright, which matches "<spec file> <id>: <title>" as one string), then --last-failed (the
 * last run's fail and error verdicts). None at all is a mistake (exit 2) unless
 * --pass-with-no-tests says it may happen.
 */
function select(loaded: Scenario[], paths: readonly string[], cwd: string, options: RunOptions, last: RunReport | undefined): Scenario[] {
  // A pattern that matches nothing is most often a typo: its message is the closest ids, not the flag.
  const none = (code: ErrorCode, message: string, hint = ' (--pass-with-no-tests makes that a run of nothing, exit 0)'): Scenario[] => {
    if (options.passWithNoTests) return [];
    throw usageError(code, `${message}${hint}`);
  };
  if (loaded.length === 0) return none('AUTHFAULT_NO_SCENARIOS', `no scenario files (*.yaml) found in ${paths.map((p) => relative(cwd, p) || '.').join(', ')}`);
  let scenarios = loaded;
  if (options.grep !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(options.grep);
    } catch (error) {
      throw usageError('AUTHFAULT_BAD_GREP', `--grep is not a valid regular expression: ${(error as Error).message}`);
    }
    const found = grepScenarios(scenarios, pattern);
    if (!Array.isArray(found)) return none('AUTHFAULT_NO_MATCH', found.message, '');
    scenarios = found;
  }
  if (last) {
    const failed = new Set(last.scenarios.filter((s) => s.verdict === 'fail' || s.verdict === 'error').map((s) => s.id));
    scenarios = scenarios.filter((s) => failed.has(s.id));
    if (scenarios.length === 0) {
      return none('AUTHFAULT_NO_MATCH', failed.size === 0 ? 'the last run had no failed scenarios (fail or error), so --last-failed has nothing to rerun' : `none of the last run's failed scenarios (${[...failed].join(', ')}) is among the scenarios to run`);
    }
  }
  return scenarios;
}
