import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { readManifest } from './manifest.js';
import { awaitStart } from './start-signal.js';

const here = dirname(fileURLToPath(import.meta.url));
// Playwright's runner starts before the CLI has written the manifest (playwright-process.ts).
await awaitStart();
const manifest = readManifest();

/**
 * The Playwright Test configuration `authfault run` starts: one test per scenario, workers,
 * sharding, screenshots and traces from Playwright; reporting through authfault's reporters.
 */
export default defineConfig({
  testDir: here,
  testMatch: 'scenarios.spec.js',
  outputDir: join(manifest.outputDir, 'artifacts'),
  fullyParallel: true,
  // Only an error fails a scenario's test (run-scenario.ts), so only errors are retried: a fail is
  // the app's verdict on its own evidence, and a rerun that passed would hide it.
  retries: manifest.retries,
  repeatEach: manifest.repeatEach,
  timeout: manifest.timeoutMs,
  ...(manifest.workers ? { workers: manifest.workers } : {}),
  ...(manifest.shard ? { shard: manifest.shard } : {}),
  reporter: [[join(here, 'pw-reporter.js')]],
  // A `fail` verdict passes the Playwright test (run-scenario.ts), and its screenshot and trace
  // must stay: only scenarios that failed or errored write anything to their output folder.
  preserveOutput: 'always',
  // Chromium is launched by the runner's own fixture (fixtures.ts), as each worker starts.
  use: {
    browserName: 'chromium',
    // Kept by the runner's page fixture from the verdict (fixtures.ts), on the page it reuses.
    screenshot: 'off',
    trace: 'off',
  },
});
