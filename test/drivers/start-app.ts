import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockProviderHandle } from '../../mock-provider/index.js';
import { loadConfig } from '../../harness/config/load.js';
import type { TargetConfig } from '../../harness/config/types.js';
import type { Browser } from '@playwright/test';
import { openBrowserAgent, type BrowserAgent } from '../../harness/drivers/browser/browser-agent.js';
import { ReusablePage } from '../../harness/drivers/browser/reusable-page.js';
import { HttpAgent } from '../../harness/drivers/http/agent.js';
import { newObservations } from '../../harness/drivers/observations.js';
import { stepContext } from '../../harness/runner/run-scenario.js';
import { runStep } from '../../harness/runner/run-step.js';
import { startWorker, type WorkerEnv } from '../../harness/runner/worker-env.js';
import type { Step } from '../../harness/steps/index.js';
import type { ScenarioContext } from '../../harness/steps/step.js';
import { ROOT } from '../helpers/cli.js';

export interface ExampleApp {
  env: WorkerEnv;
  idp: MockProviderHandle;
  appUrl: string;
  /** A fresh step context for one scenario, as the runner builds it: new observations, the journal marked. */
  base(timeoutMs?: number): ScenarioContext;
  stop(): Promise<void>;
}

/**
 * An example app and its own provider, started from its authfault.config.yaml exactly as a
 * runner worker starts them; `change` adjusts the loaded config first (a provider that asks for
 * consent, say).
 */
export async function startExampleApp(name: 'careful-app' | 'naive-app' | 'eoc-app', change: (config: TargetConfig) => TargetConfig = (c) => c): Promise<ExampleApp> {
  const config = change(await loadConfig(join(ROOT, 'examples', name, 'authfault.config.yaml')));
  const { env, stop } = await startWorker({ config, seed: 'd1ce5eed', logDir: mkdtempSync(join(tmpdir(), 'authfault-drivers-')), workerIndex: 0, cwd: ROOT });
  if (env.startError || !env.idp) throw new Error(`${name} did not start: ${env.startError}`);
  const idp = env.idp;
  return {
    env,
    idp,
    appUrl: env.appUrl,
    base: (timeoutMs = 10_000) => stepContext(env, idp, newObservations(), idp.journal.lastId, timeoutMs),
    stop,
  };
}

/** The browser driver's user agent on a page of `browser` made as a runner worker makes it, for one scenario's worth of steps, each run as the runner runs it. */
export async function openBrowserDriver(browser: Browser, base: ScenarioContext): Promise<BrowserAgent & { run(step: Step): Promise<void> }> {
  const reusable = await ReusablePage.open(browser, { ignoreHTTPSErrors: true }, undefined, [`${base.idpOrigin}/__authfault/health`]);
  const agent = openBrowserAgent(await reusable.take(), { appUrl: base.appUrl, idpOrigin: base.idpOrigin, obs: base.obs });
  const ctx = { ...base, agent };
  return Object.assign(agent, { run: (step: Step) => runStep(step, ctx), close: () => reusable.close() });
}

/** A fresh http user agent for one scenario's worth of steps, each run as the runner runs it. */
export async function openHttpAgent(base: ScenarioContext): Promise<HttpAgent & { run(step: Step): Promise<void> }> {
  const agent = await HttpAgent.open({ appUrl: base.appUrl, idpOrigin: base.idpOrigin, obs: base.obs, ignoreHTTPSErrors: true });
  const ctx = { ...base, agent };
  return Object.assign(agent, { run: (step: Step) => runStep(step, ctx) });
}
