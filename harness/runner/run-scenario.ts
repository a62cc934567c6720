import { test, type Page, type TestInfo } from '@playwright/test';
import type { MockProviderHandle } from '../../mock-provider/index.js';
import type { ScenarioReport, StepReport, Verdict } from '../../reports/index.js';
import type { Scenario } from '../scenario/types.js';
import { newObservations, watchPage, type StepContext } from '../steps/context.js';
import { STEPS } from '../steps/index.js';
import type { RunningTarget } from '../target/start-target.js';
import type { Check } from '../verdict/check.js';
import { diagnose } from '../verdict/diagnose.js';
import { appCheck, journalChecks, verdictOf, type AppState } from '../verdict/judge.js';
import { detectSignedIn, type SignedInRule } from '../verdict/signed-in.js';

/** What a worker set up once for all its scenarios: its own provider and its own app. */
export interface WorkerEnv {
  idp?: MockProviderHandle;
  target?: RunningTarget;
  appUrl: string;
  /** Fill a URL template ({app}, {issuer}, …) or resolve a path against the app. */
  url(template: string): string;
  pages: Record<string, string>;
  login: StepContext['login'];
  signedIn: SignedInRule;
  defaultUser: string;
  /** Why the provider or the app could not be started; every scenario of the worker is an `error`. */
  startError?: string;
  cwd: string;
}

export const RESULT_ATTACHMENT = 'authfault-scenario';
const STEP_TIMEOUT_MS = 10_000;

/**
 * One scenario: set its faults, run its steps as test.steps that point at the YAML, judge the
 * app from the browser and the journal, attach the ScenarioReport, and fail the Playwright test
 * when the verdict is fail or error (so screenshots and traces are kept).
 */
export async function runScenario(scenario: Scenario, env: WorkerEnv, page: Page, testInfo: TestInfo): Promise<void> {
  const started = performance.now();
  const stepReports: StepReport[] = [];
  const report = (verdict: Verdict, parts: Partial<ScenarioReport>): ScenarioReport => ({
    id: scenario.id,
    title: scenario.title,
    file: scenario.file,
    line: scenario.loc.line,
    column: scenario.loc.column,
    category: scenario.category,
    severity: scenario.severity,
    references: scenario.references,
    faults: [],
    steps: stepReports,
    verdict,
    durationMs: Math.round(performance.now() - started),
    evidence: {},
    retries: testInfo.retry,
    ...parts,
  });

  const { idp } = env;
  if (env.startError || !idp) {
    const harnessError = env.startError ?? 'the provider did not start';
    await finish(testInfo, report('error', { diagnosis: diagnose({ scenario, verdict: 'error', checks: [], browser: [], entries: [], harnessError }) }));
    return;
  }

  const since = idp.journal.lastId;
  idp.reset();
  await idp.faults.add(scenario.faults.map((f) => ({ kind: f.kind, ...f.params, ...(Object.keys(f.when).length ? { when: f.when } : {}) })));
  const obs = newObservations();
  watchPage(page, env.appUrl, idp.frontOrigin ?? idp.origin, obs);
  const ctx: StepContext = {
    page,
    idp,
    appUrl: env.appUrl,
    url: env.url,
    pages: env.pages,
    login: env.login,
    defaultUser: env.defaultUser,
    obs,
    timeoutMs: STEP_TIMEOUT_MS,
  };

  const stepErrors: Check[] = [];
  try {
    for (const step of scenario.steps) {
      const t0 = performance.now();
      const stepReport: StepReport = { title: step.title, line: step.loc.line, column: step.loc.column, status: 'passed', durationMs: 0 };
      stepReports.push(stepReport);
      if (stepErrors.length > 0) {
        stepReport.status = 'skipped';
        continue;
      }
      try {
        await test.step(step.title, () => (STEPS[step.type] as (s: typeof step, c: StepContext) => Promise<void>)(step, ctx), {
          location: { file: step.loc.file, line: step.loc.line, column: step.loc.column },
        });
      } catch (error) {
        stepReport.status = 'failed';
        stepReport.error = firstLine(error);
        stepErrors.push({ ok: false, expected: `step "${step.title}" succeeds`, observed: `step "${step.title}" failed: ${firstLine(error)}` });
      }
      stepReport.durationMs = Math.round(performance.now() - t0);
    }

    const app = await test.step('judge the app', async () => {
      const state: AppState = await detectSignedIn(page, env.signedIn, env.appUrl, STEP_TIMEOUT_MS);
      const exit = env.target?.exit();
      if (exit) state.crashed = `the app's process ended (exit code ${exit.code}${exit.signal ? `, ${exit.signal}` : ''})`;
      return state;
    });
    const entries = idp.journal.entries(since);
    const checks = [
      ...stepErrors,
      ...(scenario.expect.app ? [appCheck(scenario.expect.app, app, obs)] : []),
      ...journalChecks(scenario, entries),
    ];
    const verdict = verdictOf(checks, scenario.severity);
    const browser = [
      `browser ended at ${page.url()}`,
      ...obs.appResponses.filter((r) => r.status >= 400).map((r) => `the app answered ${r.status} at ${r.url}`),
      ...obs.navigationFailures.map((f) => `navigation to ${f.url} failed: ${f.error}`),
      ...obs.notes,
    ];
    const views = idp.faults.list();
    await finish(
      testInfo,
      report(verdict, {
        faults: views.map((f) => ({ kind: f.kind, params: f.params, ...(Object.keys(f.when).length ? { when: f.when as Record<string, unknown> } : {}), applied: f.applied })),
        diagnosis: diagnose({ scenario, verdict, checks, browser, entries }),
        evidence: { journal: entries, ...(env.target ? { appLog: env.target.logFile } : {}) },
      }),
    );
  } finally {
    idp.faults.clear();
  }
}

async function finish(testInfo: TestInfo, result: ScenarioReport): Promise<void> {
  await testInfo.attach(RESULT_ATTACHMENT, { body: JSON.stringify(result), contentType: 'application/json' });
  if (result.verdict === 'fail' || result.verdict === 'error') {
    throw new Error(`${result.verdict}: ${result.diagnosis?.summary ?? ''}`);
  }
  if (result.verdict === 'warn') testInfo.annotations.push({ type: 'warning', description: result.diagnosis?.summary ?? '' });
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}
