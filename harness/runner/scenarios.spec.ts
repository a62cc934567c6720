import { scenarioMeta, SCENARIO_ANNOTATION } from './scenario-meta.js';
import { test } from './fixtures.js';
import { readManifest } from './manifest.js';
import { runScenario } from './run-scenario.js';

/**
 * The one spec `authfault run` hands to Playwright Test: a test per scenario, loaded by the CLI
 * and carried in the manifest, so workers neither re-read nor re-validate the files.
 */
const manifest = readManifest();

for (const scenario of manifest.scenarios) {
  test(
    `${scenario.id}: ${scenario.title}`,
    { annotation: { type: SCENARIO_ANNOTATION, description: JSON.stringify(scenarioMeta(scenario)) } },
    async ({ page, worker }, testInfo) => {
      await runScenario(scenario, worker, page, testInfo);
    },
  );
}
