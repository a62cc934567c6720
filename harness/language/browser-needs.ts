import type { TargetClicks } from '../config/target-clicks.js';
import { stepDefinition } from '../steps/index.js';
import { appExpectationDefinition } from '../verdict/app/index.js';

/** One thing in a scenario that needs a browser, by its index among the steps or the app expectations. */
export interface BrowserNeed {
  where: { step: number } | { expectation: number };
  message: string;
}

/**
 * What in a scenario the http driver cannot do, known before it runs: each step and expectation
 * says so for itself (its `needsBrowser`). Today none does — `click`, `fill`, and a login or
 * logout by click run over http on a server-rendered page, and what needs a script is found on
 * the page at run time (steps/shared/open.ts NeedsBrowser: skipped, with the reason). The same
 * list decides both refusals: a scenario that says `driver: http` is invalid (positioned at each
 * of these), and a run with `--driver http` reports such a scenario as skipped, with the reason.
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
