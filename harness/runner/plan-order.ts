import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Budgets } from '../config/types.js';
import type { RunReport } from '../../reports/index.js';
import { SCENARIO_DEFAULTS } from '../scenario/defaults.js';
import type { Scenario } from '../scenario/types.js';
import { stepDefinition } from '../steps/index.js';
import { appExpectationDefinition } from '../verdict/app/index.js';
import { idpExpectationDefinition } from '../verdict/idp/index.js';
import type { ScenarioPlan } from './plan.js';

/**
 * The order the spec declares the scenarios in, longest expected first (scenarios.spec.ts).
 * Playwright hands tests to free workers in the order they are declared, so a scenario that
 * waits five seconds for the app to give up on a hanging provider, declared last, keeps one
 * worker busy while the others have nothing left. Declared longest first, the short ones fill
 * in behind them. Only the dispatch changes: every report lists the scenarios by file and line
 * (pw-reporter.ts), whatever order they ran in.
 *
 * - The expected time is the scenario's own time in the last run whose report.json is in the
 *   output folder, for the same target; a scenario that report does not hold (new, or the
 *   first run) gets an estimate from what it declares (expectedMs).
 * - `--shard` and `--list` keep the order of the files: Playwright splits the declared order
 *   into consecutive parts, so ordering by time would give one shard all the slow scenarios,
 *   and the last run's times differ from machine to machine, so shards could overlap; --list
 *   shows the scenarios as the files hold them.
 * - Ties keep the files' order (a stable sort), so the order is the same for the same inputs.
 *
 * Returns indexes into `scenarios`, or undefined for the files' order.
 */
export function dispatchOrder(
  scenarios: readonly Scenario[],
  plans: readonly ScenarioPlan[],
  options: { lastRun?: ReadonlyMap<string, number>; budgets: Budgets; keepFileOrder: boolean },
): number[] | undefined {
  if (options.keepFileOrder) return undefined;
  const expected = scenarios.map((s, i) => (plans[i]?.skip ? 0 : (options.lastRun?.get(s.id) ?? expectedMs(s, options.budgets))));
  return scenarios.map((_, i) => i).sort((a, b) => expected[b]! - expected[a]!);
}

/**
 * Each scenario's own time in the last run into `outputDir` against the target `targetName`, by
 * id; undefined when there is none to read. Never an error: the order only makes a run faster.
 */
export function lastRunDurations(outputDir: string, targetName: string): Map<string, number> | undefined {
  let report: RunReport;
  try {
    report = JSON.parse(readFileSync(join(outputDir, 'report.json'), 'utf8')) as RunReport;
  } catch {
    return undefined;
  }
  if (report?.run?.target?.name !== targetName || !Array.isArray(report.scenarios)) return undefined;
  return new Map(report.scenarios.filter((s) => s.verdict !== 'skipped' && typeof s.durationMs === 'number').map((s) => [s.id, s.durationMs]));
}

/** Where a scenario's time goes beyond its work, ms, from what it declares; each part an upper bound. */
const BASE_MS = 500;

/**
 * An estimate of a scenario's time: a base, the waits its steps and expectations declare (the
 * scenario's time limit grows by the same, run-scenario.ts), a token lifetime it waits out,
 * how long a load still waiting is watched for gave-up-within (the hang scenarios), and the
 * delays its faults add (latency, a slow body, Retry-After).
 */
export function expectedMs(scenario: Scenario, budgets: Budgets): number {
  const steps = scenario.steps.reduce((sum, s) => sum + stepMs(s, scenario), 0);
  const judging = scenario.expect.app.reduce((sum, e) => sum + (appExpectationDefinition(e).waitsMs?.(e) ?? 0), 0);
  const loads = Math.max(0, ...scenario.expect.idp.map((e) => idpExpectationDefinition(e).loadsMs?.(e, budgets) ?? 0));
  const faults = scenario.faults.reduce((sum, f) => sum + faultDelayMs(f.params), 0);
  return BASE_MS + steps + judging + loads + faults;
}

/** A `wait: { until: access-token-expired }` lasts the lifetime a token.ttl fault gives the access token; any other step, what it declares it waits. */
function stepMs(step: Scenario['steps'][number], scenario: Scenario): number {
  if (step.type === 'wait' && 'until' in step) {
    const ttl = scenario.faults.find((f) => f.kind === 'token.ttl' && (f.params as { token?: string }).token === 'access_token');
    return ((ttl?.params as { seconds?: number } | undefined)?.seconds ?? 0) * 1000;
  }
  return stepDefinition(step).waitsMs?.(step) ?? 0;
}

/**
 * The delays a fault's parameters declare: network.latency's ms, a slow body's total_ms, a rate
 * limit's retry_after_s — at most a step's timeout, which is as long as an app that waits out a
 * Retry-After can make a step last (a long one is the app's cue to give up, not to wait).
 */
function faultDelayMs(params: Record<string, unknown>): number {
  const number = (key: string) => (typeof params[key] === 'number' ? (params[key] as number) : 0);
  return number('ms') + number('total_ms') + Math.min(number('retry_after_s') * 1000, SCENARIO_DEFAULTS.stepTimeoutMs);
}
