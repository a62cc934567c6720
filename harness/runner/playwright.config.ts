import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { LAUNCH_ARGS } from '../browser/find-browser.js';
import { readManifest } from './manifest.js';

const here = dirname(fileURLToPath(import.meta.url));
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
  retries: 0,
  timeout: manifest.timeoutMs,
  ...(manifest.workers ? { workers: manifest.workers } : {}),
  ...(manifest.shard ? { shard: manifest.shard } : {}),
  reporter: [[join(here, 'pw-reporter.js')]],
  preserveOutput: 'failures-only',
  use: {
    browserName: 'chromium',
    headless: !manifest.headed,
    screenshot: 'only-on-failure',
    trace: manifest.trace,
    // The provider's front channel has a certificate from the run CA, which Chromium cannot be
    // handed as a file; what TLS scenarios judge is the app's back channel, never the browser.
    ignoreHTTPSErrors: Boolean(manifest.config.provider.https),
    launchOptions: {
      args: [...LAUNCH_ARGS],
      ...(manifest.browser.executablePath ? { executablePath: manifest.browser.executablePath } : {}),
    },
  },
});
