import { rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, type Browser, type Page, type PlaywrightWorkerArgs, type TestInfo } from '@playwright/test';
import { LAUNCH_ARGS } from '../browser/launch-args.js';
import type { MockProviderHandle } from '../../mock-provider/common.js';
import type { TargetConfig } from '../config/types.js';
import { ReusablePage } from '../drivers/browser/reusable-page.js';
import { readManifest, type RunManifest } from './manifest.js';
import { runNeedsBrowser } from './plan.js';
import { readResult } from './result-attachment.js';
import { readStop, writeStop } from './run-stop.js';
import { NOT_RUN } from './scenario-meta.js';
import type { WorkerEnv } from './worker-env.js';

/** What a worker starts once, all at the same time: its provider and app, and Chromium when the run drives one. */
interface Started {
  env: WorkerEnv;
  /** Launching since the worker started; awaited by the first browser scenario. */
  browser?: Promise<Browser>;
  /** The page the browser scenarios reuse, opened while the app started. */
  page?: Promise<ReusablePage>;
  /** Why the run had already stopped when this worker's own start failed too: its scenarios do not run. */
  stopped?: string;
}

/**
 * The runner's fixtures.
 *
 * - `started` (worker-scoped): launches Chromium first, when the run has browser scenarios, and
 *   while it starts loads the provider and starts it and the app (worker-env.ts): the three
 *   start side by side instead of one after another, and stop side by side at the end.
 * - `worker` (worker-scoped): the worker's own mock provider and app instance.
 * - `browser` (worker-scoped): Playwright's own fixture, replaced by the Chromium `started` launched.
 * - `reusedPage` (per scenario): one page the worker keeps for all its browser scenarios, reset
 *   before each (reusable-page.ts) — a third of the cost of a fresh context and page here. It is
 *   opened by `started` while the app starts, once Chromium and the provider are up.
 *   Scenarios on the http driver never ask for it, so a run without browser scenarios never
 *   starts Chromium.
 *
 * Screenshots and traces are kept here rather than by Playwright's `screenshot` and `trace`
 * options, which go by the test's status: a `fail` verdict passes the Playwright test (so the
 * worker is kept, see run-scenario.ts), and it is the verdict that says what to keep. The trace
 * is a chunk per scenario of one recording of the worker's context.
 */
export const test = base.extend<{ reusedPage: Page; tidyOutput: void; notRunOnceStopped: void }, { started: Started; worker: WorkerEnv; runStopped: string | undefined; workerPage: ReusablePage }>({
  // Before anything else a scenario asks for: once the run has stopped (an app that did not
  // start, a signal), the scenarios after that do not run, and start nothing.
  notRunOnceStopped: [
    async ({}, use, testInfo) => {
      const stop = readStop(readManifest().outputDir);
      if (stop) notRun(testInfo, stop.reason);
      await use();
    },
    { auto: true },
  ],
  // Playwright makes every test an output folder; a scenario that kept nothing leaves none behind.
  tidyOutput: [
    async ({}, use, testInfo) => {
      await use();
      await rmdir(testInfo.outputDir).catch(() => undefined);
    },
    { auto: true },
  ],
  started: [
    async ({ playwright }, use, workerInfo) => {
      const manifest = readManifest();
      const browser = runNeedsBrowser(manifest.plans) ? launch(playwright, manifest) : undefined;
      // Awaited by the browser fixture, which reports a failed launch; none may go unhandled meanwhile.
      browser?.catch(() => undefined);
      const { startWorker } = await import('./worker-env.js');
      let page: Promise<ReusablePage> | undefined;
      const { env, stop } = await startWorker({
        config: manifest.config,
        seed: manifest.seed,
        logDir: join(manifest.outputDir, 'logs'),
        workerIndex: workerInfo.workerIndex,
        cwd: manifest.cwd,
        runDir: manifest.outputDir,
        // While the app starts — another process — this one is idle: what the scenarios run on
        // loads then (after the provider's modules, not competing with them), and the page warms
        // up on the provider's front channel.
        onProvider: (idp) => {
          // The http user agent too (a browser scenario's control sign-in tries it first, run-scenario.ts),
          // and the fault registry, which the provider loads when the first fault is set (common.js re-exports it).
          for (const load of [import('./run-scenario.js'), import('../drivers/http/agent.js'), import('../../mock-provider/common.js')]) load.catch(() => undefined);
          page = browser?.then((b) => openWorkerPage(b, manifest, idp));
          page?.catch(() => undefined);
        },
      });
      // An app (or provider) that did not start stops the run: its first scenario is the one
      // `error` that says why, with the app's last output; the rest do not run. Another worker
      // whose start failed first has already said so.
      const stopped = env.startError && !writeStop(manifest.outputDir, { reason: `the app did not start: ${env.startError.split('\n')[0]}` }) ? readStop(manifest.outputDir)?.reason : undefined;
      try {
        await use({ env, ...(browser ? { browser } : {}), ...(page ? { page } : {}), ...(stopped ? { stopped } : {}) });
      } finally {
        await Promise.all([stop(), browser?.then((b) => b.close(), () => undefined)]);
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  worker: [async ({ started }, use) => use(started.env), { scope: 'worker' }],
  runStopped: [async ({ started }, use) => use(started.stopped), { scope: 'worker' }],
  browser: [
    async ({ started, playwright }, use) => {
      if (started.browser) return use(await started.browser);
      const own = await launch(playwright, readManifest());
      await use(own);
      await own.close();
    },
    { scope: 'worker' },
  ],
  workerPage: [
    async ({ started, browser, worker }, use) => {
      const reusable = await (started.page ?? openWorkerPage(browser, readManifest(), worker.idp));
      await use(reusable);
      await reusable.close();
    },
    { scope: 'worker' },
  ],
  reusedPage: async ({ workerPage }, use, testInfo) => {
    // Reset before, not after: a failed scenario's trace then ends where its steps left the page.
    const page = await workerPage.take();
    await workerPage.startChunk(testInfo.title);
    await use(page);
    const failed = failedScenario(testInfo);
    if (failed) {
      const path = testInfo.outputPath('screenshot.png');
      if (await page.screenshot({ path, timeout: 5000 }).then(() => true, () => false)) testInfo.attachments.push({ name: 'screenshot', path, contentType: 'image/png' });
    }
    const keep = failed || readManifest().trace === 'on' ? testInfo.outputPath('trace.zip') : undefined;
    if (await workerPage.stopChunk(keep)) testInfo.attachments.push({ name: 'trace', path: keep!, contentType: 'application/zip' });
  },
});

/** A scenario that does not run because the run has stopped: skipped by Playwright, left out of the verdicts (pw-reporter.ts). */
export function notRun(testInfo: TestInfo, reason: string): never {
  testInfo.annotations.push({ type: NOT_RUN, description: reason });
  testInfo.skip(true, `not run: the run stopped (${reason})`);
  throw new Error('unreachable: testInfo.skip throws');
}

/**
 * The page the worker's browser scenarios reuse. The provider's front channel has a certificate
 * from the run CA, which Chromium cannot be handed as a file; what TLS scenarios judge is the
 * app's back channel, never the browser. retain-on-failure records what a failure needs read —
 * the actions, the network and the console — for every scenario, so it must be cheap: DOM
 * snapshots of every action cost about a sixth of a scenario here, the screencast a quarter, and
 * are discarded unless it fails. --trace on records both. A failure's own screenshot is kept either way.
 */
function openWorkerPage(browser: Browser, manifest: RunManifest, idp: MockProviderHandle | undefined): Promise<ReusablePage> {
  const full = manifest.trace === 'on';
  const trace = manifest.trace === 'off' ? undefined : { snapshots: full, screenshots: full, sources: false };
  const https = Boolean(manifest.config.provider.https);
  const front = idp && https ? [`${idp.frontOrigin ?? idp.origin}/__authfault/health`] : [];
  return ReusablePage.open(browser, { ignoreHTTPSErrors: https }, trace, front);
}

/** The run's Chromium, with the launch flags every scenario runs under (find-browser.ts). */
function launch(playwright: PlaywrightWorkerArgs['playwright'], manifest: RunManifest): Promise<Browser> {
  return playwright.chromium.launch({
    headless: !manifest.headed,
    args: [...LAUNCH_ARGS],
    ...(manifest.browser.executablePath ? { executablePath: manifest.browser.executablePath } : {}),
  });
}

/** The scenario's verdict was fail or error, or it never reached one (a timeout, a crash in the harness). */
function failedScenario(testInfo: TestInfo): boolean {
  const written = readResult(testInfo.attachments);
  if (!written) return testInfo.status !== 'passed' && testInfo.status !== 'skipped';
  return written.verdict === 'fail' || written.verdict === 'error';
}

export type { TargetConfig };
