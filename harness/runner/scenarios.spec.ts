import type { TestInfo } from '@playwright/test';
import type { ScenarioReport } from '../../reports/index.js';
import { browserDriver } from '../drivers/browser/browser-driver.js';
import { httpDriver } from '../drivers/http/http-driver.js';
import { browserNeeds, driverOf, targetClicks } from '../drivers/needs-browser.js';
import type { Scenario } from '../scenario/types.js';
import { test } from './fixtures.js';
import { readManifest } from './manifest.js';
import { RESULT_ATTACHMENT, runScenario } from './run-scenario.js';
import { scenarioMeta, SCENARIO_ANNOTATION } from './scenario-meta.js';

/**
 * The one spec `authfault run` hands to Playwright Test: a test per scenario, loaded by the CLI
 * and carried in the manifest, so workers neither re-read nor re-validate the files. Each test
 * asks only for what its driver needs: an http scenario never starts Chromium.
 */
const manifest = readManifest();
const clicks = targetClicks(manifest.config);
const http = httpDriver({ ignoreHTTPSErrors: Boolean(manifest.config.provider.https) });

for (const scenario of manifest.scenarios) {
  const title = `${scenario.id}: ${scenario.title}`;
  const details = { annotation: { type: SCENARIO_ANNOTATION, description: JSON.stringify(scenarioMeta(scenario)) } };
  const driver = driverOf(scenario, manifest.driver);
  const needs = driver === 'http' ? browserNeeds(scenario.steps, scenario.expect.app, clicks) : [];
  if (needs.length > 0) {
    test(title, details, async ({}, testInfo) => skipNeedsBrowser(scenario, needs.map((n) => where(scenario, n.where) + n.message), testInfo));
  } else if (driver === 'http') {
    test(title, details, async ({ worker }, testInfo) => runScenario(scenario, worker, http, testInfo));
  } else {
    test(title, details, async ({ worker, reusedPage }, testInfo) => runScenario(scenario, worker, browserDriver(reusedPage), testInfo));
  }
}

/** A scenario that needs a DOM in a run with --driver http: skipped, saying which step needs the browser. */
async function skipNeedsBrowser(scenario: Scenario, reasons: string[], testInfo: TestInfo): Promise<void> {
  const summary = `Skipped: this run uses --driver http, and ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}.`;
  const result: ScenarioReport = {
    ...scenarioMeta(scenario),
    faults: [],
    steps: scenario.steps.map((s) => ({ title: s.title, line: s.loc.line, column: s.loc.column, status: 'skipped', durationMs: 0 })),
    verdict: 'skipped',
    durationMs: 0,
    evidence: {},
    retries: testInfo.retry,
    diagnosis: {
      summary,
      category: scenario.category,
      injected: [],
      observed: reasons,
      expected: [],
      why: 'The http driver has no DOM; a scenario that clicks or types says nothing about the app without one, and is not charged to it.',
      fix: 'Run it with the browser driver: without --driver http (or with --driver browser).',
      references: scenario.references,
    },
  };
  await testInfo.attach(RESULT_ATTACHMENT, { body: JSON.stringify(result), contentType: 'application/json' });
  testInfo.skip(true, summary);
}

function where(scenario: Scenario, at: { step: number } | { expectation: number }): string {
  const loc = 'step' in at ? scenario.steps[at.step]!.loc : scenario.expect.app[at.expectation]!.loc;
  return `${loc.file}:${loc.line}:${loc.column}: `;
}
