import type { TestInfo } from '@playwright/test';
import type { Scenario } from '../scenario/types.js';
import { recordNotJudged, scenarioMeta, type NotJudged } from '../verdict/outcome.js';
import { notRun, test } from './fixtures.js';
import { readManifest } from './manifest.js';
import { attachResult } from './result-attachment.js';
import { scenarioAnnotation } from './scenario-meta.js';

/**
 * The one spec `authfault run` hands to Playwright Test: a test per scenario, loaded by the CLI
 * and carried in the manifest with its plan (plan.ts), so workers neither re-read nor re-validate
 * the files. Playwright loads this file in its runner too, only to list the tests: what a
 * scenario runs on (the judge, the drivers) is imported when the first one runs. Each test asks
 * only for what its driver needs: an http scenario never starts Chromium.
 */
const manifest = readManifest();

/**
 * The test a scenario that drives no browser runs as (an http scenario, a skipped one): the
 * runner's fixtures, less two of Playwright's own per-test auto fixtures, the options of its
 * browser contexts (`_setupContextOptions`) and the recorder of its API calls as steps
 * (`_setupArtifacts`). Such a scenario opens no context and calls no Playwright API, so they do
 * nothing for it; but they pull in some thirty option fixtures, each a step whose stack Playwright
 * captures and source-maps at setup and again at teardown: a third of the worker's CPU for an
 * http scenario (bench/RESULTS.md). `box: 'self'` makes the stand-ins no steps. Only test-scoped
 * fixtures change, and Playwright tells workers apart by their worker-scoped ones: the scenarios
 * of a run that mixes drivers still share a worker, its provider and its app.
 */
// Playwright declares both `auto: 'all-hooks-included'` and refuses a stand-in declared otherwise;
// its public types know only `auto: boolean`.
const STAND_IN = [undefined, { auto: 'all-hooks-included' as unknown as boolean, box: 'self' }] as const;
const browserless = test.extend<{ _setupContextOptions: undefined; _setupArtifacts: undefined }>({
  _setupContextOptions: [...STAND_IN],
  _setupArtifacts: [...STAND_IN],
});
const ignoreHTTPSErrors = Boolean(manifest.config.provider.https);

manifest.scenarios.forEach((scenario, i) => {
  const plan = manifest.plans[i]!;
  const title = `${scenario.id}: ${scenario.title}`;
  const details = { annotation: scenarioAnnotation(scenarioMeta(scenario)) };
  if (plan.skip) {
    const why = plan.skip;
    browserless(title, details, async ({}, testInfo) => skip(scenario, testInfo, why));
  } else if (plan.driver === 'http') {
    browserless(title, details, async ({ worker, runStopped }, testInfo) => {
      if (runStopped) notRun(testInfo, runStopped);
      const [{ runScenario }, { HttpAgent }] = await Promise.all([import('./run-scenario.js'), import('../drivers/http/agent.js')]);
      // Each http scenario gets a fresh agent: its own cookie jar, so no cookie carries over (the worker's idle connections do, as Chromium's).
      await runScenario(scenario, worker, (setup) => HttpAgent.open({ ...setup, ignoreHTTPSErrors }), testInfo);
    });
  } else {
    test(title, details, async ({ worker, runStopped, reusedPage }, testInfo) => {
      if (runStopped) notRun(testInfo, runStopped);
      const [{ runScenario }, { openBrowserAgent }] = await Promise.all([import('./run-scenario.js'), import('../drivers/browser/browser-agent.js')]);
      await runScenario(scenario, worker, async (setup) => openBrowserAgent(reusedPage, setup), testInfo);
    });
  }
});

/** A scenario that cannot run here (a page the config lacks, a DOM the http driver has not): skipped, saying why. */
async function skip(scenario: Scenario, testInfo: TestInfo, why: NotJudged): Promise<void> {
  const steps = scenario.steps.map((s) => ({ title: s.title, line: s.loc.line, column: s.loc.column, status: 'skipped' as const, durationMs: 0 }));
  await attachResult(testInfo, recordNotJudged(scenarioMeta(scenario), 'skipped', why, { steps, durationMs: 0, retries: testInfo.retry }));
  testInfo.skip(true, why.summary);
}
