import type { TargetClicks } from '../config/target-clicks.js';
import { stepDefinition } from '../steps/index.js';
import { appExpectationDefinition } from '../verdict/app/index.js';

/** One thing in a scenario that needs a browser, by its index among the steps or the app expectations. */
export interface BrowserNeed {
  where: { step: number } | { expectation: number };
  message: string;
}

/**
 * What in a scenario the http driver cannot do, each step saying so for itself (its
 * `needsBrowser`): `click` and `fill`, and `login` and `logout` when the target config signs in
 * or out by clicking; and, among the expectations, recovers-within, which signs in again. The same list decides both
 * refusals: a scenario that says `driver: http` is invalid (positioned at each of these), and a
 * run with `--driver http` reports such a scenario as skipped, with the reason.
 */
export function browserNeeds(steps: readonly { type: string }[], app: readonly { type: string }[], clicks: TargetClicks): BrowserNeed[] {
  const needs: BrowserNeed[] = [];
  steps.forEach((step, i) => {
    const message = stepDefinition(step).needsBrowser?.(step, clicks);
    if (message) needs.push({ where: { step: i }, message });
  });
  app.forEach((exp, i) => {
    const message = appExpectationDefinition(exp).needsBrowser?.(exp, clicks);
    if (message) needs.push({ where: { expectation: i }, message });
  });
  return needs;
}
