import type { TestInfo } from '@playwright/test';
import { targetClicks } from '../config/target-clicks.js';
import { openBrowserAgent } from '../drivers/browser/browser-agent.js';
import { HttpAgent } from '../drivers/http/agent.js';
import { browserNeeds } from '../language/browser-needs.js';
import { missingPages, needsPageMessage } from '../language/pages.js';
import { driverOf } from '../scenario/driver-name.js';
import type { Scenario } from '../scenario/types.js';
import { recordNotJudged, scenarioMeta, type NotJudged } from '../verdict/outcome.js';
import { notRun, test } from './fixtures.js';
import { readManifest } from './manifest.js';
import { needsBrowserSkip } from './needs-browser-skip.js';
import { attachResult } from './result-attachment.js';
import { runScenario } from './run-scenario.js';
import type { OpenAgent } from './run-step.js';
import { scenarioAnnotation } from './scenario-meta.js';

/**
 * The one spec `authfault run` hands to Playwright Test: a test per scenario, loaded by the CLI
 * and carried in the manifest, so workers neither re-read nor re-validate the files. Each test
 * asks only for what its driver needs: an http scenario never starts Chromium.
 */
const manifest = readManifest();
const clicks = targetClicks(manifest.config);
const ignoreHTTPSErrors = Boolean(manifest.config.provider.https);
// Each http scenario gets a fresh agent: its own cookie jar, so nothing carries over.
const http: OpenAgent = (setup) => HttpAgent.open({ ...setup, ignoreHTTPSErrors });
const pages = Object.keys(manifest.config.pages);

for (const scenario of manifest.scenarios) {
  const title = `${scenario.id}: ${scenario.title}`;
  const details = { annotation: scenarioAnnotation(scenarioMeta(scenario)) };
  const driver = driverOf(scenario, manifest.driver);
  const missing = missingPages(scenario.steps, pages);
  const needs = driver === 'http' ? browserNeeds(scenario.steps, scenario.expect.app, clicks) : [];
  if (missing.length > 0) {
    const reasons = missing.map((m) => `${at(scenario.steps[m.step]!.loc)}${needsPageMessage(m.page)}`);
    test(title, details, async ({}, testInfo) =>
      skip(scenario, testInfo, {
        summary: `Skipped: this scenario ${needsPageMessage(missing[0]!.page)}${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}.`,
        observed: reasons,
        why: 'A scenario that visits a page the app does not have says nothing about the app, and is not charged to it; the rest of the suite runs.',
        fix: `Name the page in the target config (pages: { ${missing[0]!.page}: "{app}/…" }) if the app has one that does what the scenario needs (docs/targets.md lists what the bundled pages do), or leave the scenario skipped.`,
      }),
    );
  } else if (needs.length > 0) {
    const reasons = needs.map((n) => where(scenario, n.where) + n.message);
    test(title, details, async ({}, testInfo) => skip(scenario, testInfo, needsBrowserSkip(reasons)));
  } else if (driver === 'http') {
    test(title, details, async ({ worker, runStopped }, testInfo) => {
      if (runStopped) notRun(testInfo, runStopped);
      await runScenario(scenario, worker, http, testInfo);
    });
  } else {
    test(title, details, async ({ worker, runStopped, reusedPage }, testInfo) => {
      if (runStopped) notRun(testInfo, runStopped);
      await runScenario(scenario, worker, async (setup) => openBrowserAgent(reusedPage, setup), testInfo);
    });
  }
}

/** A scenario that cannot run here (a page the config lacks, a DOM the http driver has not): skipped, saying why. */
async function skip(scenario: Scenario, testInfo: TestInfo, why: NotJudged): Promise<void> {
  const steps = scenario.steps.map((s) => ({ title: s.title, line: s.loc.line, column: s.loc.column, status: 'skipped' as const, durationMs: 0 }));
  await attachResult(testInfo, recordNotJudged(scenarioMeta(scenario), 'skipped', why, { steps, durationMs: 0, retries: testInfo.retry }));
  testInfo.skip(true, why.summary);
}

function where(scenario: Scenario, place: { step: number } | { expectation: number }): string {
  return at('step' in place ? scenario.steps[place.step]!.loc : scenario.expect.app[place.expectation]!.loc);
}

function at(loc: Scenario['loc']): string {
  return `${loc.file}:${loc.line}:${loc.column}: `;
}
