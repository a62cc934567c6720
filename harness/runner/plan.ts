import type { DriverName } from '../scenario/driver-name.js';
import type { NotJudged } from '../verdict/outcome.js';

/**
 * What a run does with each scenario, decided once by the CLI (plan-scenarios.ts) and carried in
 * the manifest: the driver it runs in, or why it is skipped without running. This file imports
 * nothing at run time: Playwright loads the spec in its runner and in every worker.
 */
export type ScenarioPlan = { driver: DriverName; skip?: undefined } | { driver: DriverName; skip: NotJudged };

/** Whether any scenario of the run drives a browser: a worker then launches Chromium as it starts. */
export function runNeedsBrowser(plans: readonly ScenarioPlan[]): boolean {
  return plans.some((p) => !p.skip && p.driver === 'browser');
}
