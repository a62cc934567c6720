import { targetClicks } from '../config/target-clicks.js';
import type { TargetConfig } from '../config/types.js';
import { browserNeeds } from '../language/browser-needs.js';
import { missingPages, needsPageMessage } from '../language/pages.js';
import { driverOf, type DriverName } from '../scenario/driver-name.js';
import type { Scenario } from '../scenario/types.js';
import { needsBrowserSkip } from './needs-browser-skip.js';
import type { ScenarioPlan } from './plan.js';

/**
 * Each scenario's plan (plan.ts), made by the CLI, which has the step table loaded to validate
 * the files anyway. Playwright loads the spec in its runner and in every worker; with the plans
 * made here, the spec imports nothing heavier than Playwright, and a worker loads the provider
 * and the drivers only when its first scenario runs.
 */

export function planScenarios(scenarios: readonly Scenario[], config: TargetConfig, runDriver: DriverName | undefined): ScenarioPlan[] {
  const clicks = targetClicks(config);
  const pages = Object.keys(config.pages);
  return scenarios.map((scenario) => {
    const driver = driverOf(scenario, runDriver);
    const missing = missingPages(scenario.steps, pages);
    if (missing.length > 0) {
      const reasons = missing.map((m) => `${at(scenario.steps[m.step]!.loc)}${needsPageMessage(m.page)}`);
      return {
        driver,
        skip: {
          summary: `Skipped: this scenario ${needsPageMessage(missing[0]!.page)}${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}.`,
          observed: reasons,
          why: 'A scenario that visits a page the app does not have says nothing about the app, and is not charged to it; the rest of the suite runs.',
          fix: `Name the page in the target config (pages: { ${missing[0]!.page}: "{app}/…" }) if the app has one that does what the scenario needs (docs/targets.md lists what the bundled pages do), or leave the scenario skipped.`,
        },
      };
    }
    const needs = driver === 'http' ? browserNeeds(scenario.steps, scenario.expect.app, clicks) : [];
    if (needs.length > 0) return { driver, skip: needsBrowserSkip(needs.map((n) => where(scenario, n.where) + n.message)) };
    return { driver };
  });
}

function where(scenario: Scenario, place: { step: number } | { expectation: number }): string {
  return at('step' in place ? scenario.steps[place.step]!.loc : scenario.expect.app[place.expectation]!.loc);
}

function at(loc: Scenario['loc']): string {
  return `${loc.file}:${loc.line}:${loc.column}: `;
}
