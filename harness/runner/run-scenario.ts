import { setTimeout as sleep } from 'node:timers/promises';
import { test, type TestInfo } from '@playwright/test';
import type { FaultView, MockProviderHandle } from '../../mock-provider/common.js';
import type { ScenarioReport, StepReport, Verdict } from '../../reports/index.js';
import type { ErrorRule, LogoutRule } from '../config/types.js';
import { SCENARIO_DEFAULTS } from '../scenario/defaults.js';
import type { Scenario, Step } from '../scenario/types.js';
import type { BaseStepContext, DriverFactory } from '../drivers/driver.js';
import { newObservations, type Observations, type StepContext } from '../steps/context.js';
import { toProviderFault } from '../steps/faults.js';
import type { RunningTarget } from '../target/start-target.js';
import type { Check } from '../verdict/check.js';
import { diagnose } from '../verdict/diagnose.js';
import { anyFaultApplied, faultsOf } from '../verdict/faults-applied.js';
import type { PageLoads } from '../verdict/gave-up-within.js';
import { appChecks, journalChecks, verdictOf, type AppState } from '../verdict/judge.js';
import { snapshotPage } from '../verdict/page-snapshot.js';
import { probeRecovery, recoveryCheck, recoveryPoint } from '../verdict/recovery.js';
import { detectSignedIn, showsSignedIn, type SignedInRule } from '../verdict/signed-in.js';

/** What a worker set up once for all its scenarios: its own provider and its own app. */
export interface WorkerEnv {
  idp?: MockProviderHandle;
  target?: RunningTarget;
  appUrl: string;
  /** Fill a URL template ({app}, {issuer}, …) or resolve a path against the app. */
  url(template: string): string;
  pages: Record<string, string>;
  login: StepContext['login'];
  /** Default: open {app}/logout. */
  logout?: LogoutRule;
  signedIn: SignedInRule;
  /** How the app shows an error (error-shown); default: a last page that answered 4xx or 5xx. */
  error?: ErrorRule;
  /** The target config's wording: a scenario's expected text → the app's words for it. */
  wording: Readonly<Record<string, string>>;
  defaultUser: string;
  /** Why the provider or the app could not be started; every scenario of the worker is an `error`. */
  startError?: string;
  cwd: string;
  /**
   * The app instance's history: scenarios it has served since it started, and whether the last
   * one asked for a fresh app (fresh-app: true), whose caches no later scenario should meet.
   */
  app: { served: number; tainted: boolean };
  /** Stop the app and start it again as the worker did; absent when the harness did not start it (target.url). */
  restartApp?: (why: string) => Promise<void>;
}

export const RESULT_ATTACHMENT = 'authfault-scenario';
const STEP_TIMEOUT_MS = SCENARIO_DEFAULTS.stepTimeoutMs;

/**
 * One scenario: set its faults, run its steps as test.steps that point at the YAML in the
 * scenario's driver (a browser page, or the browserless http user agent), judge the app from
 * what that driver saw and from the journal, and attach the ScenarioReport (see finish()).
 *
 * The judging order matters: the page-bound expectations (text, url, status, cookie,
 * error-shown) look at the page the steps left, before detecting sign-in may open the home page;
 * the journal expectations look at the requests up to then; recovers-within comes last, because
 * it may sign in again and add requests of its own.
 */
export async function runScenario(scenario: Scenario, env: WorkerEnv, driverFor: DriverFactory, testInfo: TestInfo): Promise<void> {
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

  let restarted: string | undefined;
  try {
    restarted = await freshAppIfAsked(scenario, env);
  } catch (error) {
    env.startError = `the app could not be restarted for fresh-app: ${(error as Error).message}`;
    await finish(testInfo, report('error', { diagnosis: diagnose({ scenario, verdict: 'error', checks: [], browser: [], entries: [], harnessError: env.startError }) }));
    return;
  }
  const extraMs = waitingMs(scenario) + (restarted ? SCENARIO_DEFAULTS.stepTimeoutMs : 0);
  if (extraMs > 0 && testInfo.timeout > 0) testInfo.setTimeout(testInfo.timeout + extraMs);
  const since = idp.journal.lastId;
  const startedAt = Date.now();
  idp.reset();
  const obs = newObservations();
  if (restarted) obs.notes.push(restarted);
  const base = stepContext(env, idp, obs, since, STEP_TIMEOUT_MS);
  const driver = await driverFor(base);
  await idp.faults.add(scenario.faults.map(toProviderFault));
  const recovery = scenario.expect.app.find((e) => e.type === 'recovers-within');

  const stepErrors: Check[] = [];
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const t0 = performance.now();
      const stepReport: StepReport = { title: step.title, line: step.loc.line, column: step.loc.column, status: 'passed', durationMs: 0 };
      stepReports.push(stepReport);
      obs.stepMarks.push(idp.journal.lastId);
      if (stepErrors.length > 0) {
        stepReport.status = 'skipped';
        continue;
      }
      try {
        await test.step(step.title, () => driver.run(step), {
          location: { file: step.loc.file, line: step.loc.line, column: step.loc.column },
        });
      } catch (error) {
        stepReport.status = 'failed';
        stepReport.error = firstLine(error);
        stepErrors.push({ ok: false, expected: `step "${step.title}" succeeds`, observed: `step "${step.title}" failed: ${firstLine(error)}` });
      }
      if (recovery && (await showsSignedIn(driver, env.signedIn, env.appUrl))) obs.signedInSeen.push({ at: Date.now(), step: index });
      stepReport.durationMs = Math.round(performance.now() - t0);
    }

    await loadsJudged(obs, scenario);
    const loads = pageLoads(obs, new URL(env.appUrl).origin);
    const endedAt = driver.url();
    const judged = await test.step('judge the app', async () => {
      const snapshot = await snapshotPage(driver, obs, env.appUrl);
      const state: AppState = await detectSignedIn(driver, env.signedIn, env.appUrl, STEP_TIMEOUT_MS);
      const seenAt = Date.now();
      const exit = env.target?.exit();
      if (exit) state.crashed = `the app's process ended (exit code ${exit.code}${exit.signal ? `, ${exit.signal}` : ''})`;
      return { snapshot, state, seenAt };
    });
    const entries = idp.journal.entries(since);
    const inForce = idp.faults.list();
    const recoveryResult = recovery
      ? await test.step(`recovers within ${recovery.ms} ms`, async () => {
          const point = recoveryPoint({ startedAt, faultChanges: obs.faultChanges, inForce, entries, now: Date.now() });
          if ('never' in point) return recoveryCheck(recovery.ms, point, undefined);
          const seen = obs.signedInSeen.find((s) => s.at >= point.at);
          if (seen) return recoveryCheck(recovery.ms, point, { at: seen.at, how: `the page showed the signed-in sign after step ${seen.step + 1}` });
          const probe = await probeRecovery({
            until: point.at + recovery.ms,
            now: { ...judged.state, at: judged.seenAt },
            signIn: async () => {
              await driver.login();
              return detectSignedIn(driver, env.signedIn, env.appUrl, STEP_TIMEOUT_MS);
            },
          });
          return recoveryCheck(recovery.ms, point, probe);
        })
      : undefined;
    const checks = [
      ...stepErrors,
      ...appChecks(scenario.expect.app, {
        page: judged.snapshot,
        state: judged.state,
        obs,
        appOrigin: new URL(env.appUrl).origin,
        ...(env.error ? { errorRule: env.error } : {}),
        wording: env.wording,
        ...(recoveryResult ? { recovery: recoveryResult } : {}),
      }),
      ...journalChecks(scenario, entries, { stepMarks: obs.stepMarks, loads }),
    ];
    const judgedVerdict = verdictOf(checks, scenario.severity);
    const views: FaultView[] = [...obs.faultChanges.flatMap((c) => c.retired), ...idp.faults.list()];
    const evidence = recoveryResult ? idp.journal.entries(since) : entries;
    // Faults that never acted leave nothing to judge: the scenario is skipped, saying which and
    // why. A process that ended is the app's own doing whatever the faults did, so it is judged.
    const set = faultsOf(scenario);
    const unapplied = set.length > 0 && judged.state.crashed === undefined && !anyFaultApplied(views, evidence);
    // Faults that never applied because the app answered nothing at all are not a scenario that
    // does not apply: the app was down (or not up yet), which is an error, never a skip.
    const down = unapplied ? appDown(obs) : undefined;
    const verdict: Verdict = down ? 'error' : unapplied ? 'skipped' : judgedVerdict;
    const browser = [
      `${driver.name === 'http' ? 'the http user agent' : 'browser'} ended at ${endedAt}`,
      ...obs.appResponses.filter((r) => r.status >= 400).map((r) => `the app answered ${r.status} at ${r.url}`),
      ...obs.navigationFailures.map((f) => `navigation to ${f.url} failed: ${f.error}`),
      ...obs.notes,
    ];
    await finish(
      testInfo,
      report(verdict, {
        faults: views.map((f) => ({ kind: f.kind, params: f.params, ...(Object.keys(f.when).length ? { when: f.when as Record<string, unknown> } : {}), applied: f.applied })),
        diagnosis: diagnose({
          scenario,
          verdict,
          checks,
          browser,
          entries: evidence,
          ...(down ? { harnessError: down } : unapplied ? { unapplied: { faults: set, freshApp: Boolean(scenario.freshApp), judged: judgedVerdict } } : {}),
        }),
        evidence: { journal: evidence, ...(env.target ? { appLog: env.target.logFile } : {}) },
      }),
      judged.state.crashed !== undefined,
    );
  } finally {
    idp.faults.clear();
    await driver.close();
    env.app = { served: env.app.served + 1, tainted: Boolean(scenario.freshApp) };
  }
}

/** What every step of a scenario works with: the worker's provider and app, the scenario's observations. */
export function stepContext(env: WorkerEnv, idp: MockProviderHandle, obs: Observations, journalSince: number, timeoutMs: number): BaseStepContext {
  return {
    idp,
    idpOrigin: idp.frontOrigin ?? idp.origin,
    appUrl: env.appUrl,
    url: env.url,
    pages: env.pages,
    login: env.login,
    logout: env.logout ?? { url: '{app}/logout' },
    defaultUser: env.defaultUser,
    obs,
    journalSince,
    timeoutMs,
  };
}

/** The app answered no request and refused or dropped connections: what was seen, for an error verdict. */
function appDown(obs: Observations): string | undefined {
  if (obs.appResponses.length > 0) return undefined;
  const refused = obs.navigationFailures.filter((f) => /CONNECTION_(REFUSED|RESET|CLOSED)|EMPTY_RESPONSE|ECONNREFUSED|ECONNRESET|socket hang up/i.test(f.error));
  if (refused.length === 0) return undefined;
  return `the app answered nothing: ${refused.slice(0, 3).map((f) => `${f.url} failed (${f.error})`).join('; ')} — it was not running, or not yet listening`;
}

/**
 * fresh-app: a scenario that asks for it meets an app that has served nothing yet, and the
 * scenario after it does too, since what it left in the app's caches (a discovery document with
 * another issuer, a JWKS without kids) would otherwise meet that scenario. Returns the note for
 * the diagnosis when the app was restarted, or could not be.
 */
async function freshAppIfAsked(scenario: Scenario, env: WorkerEnv): Promise<string | undefined> {
  const asked = scenario.freshApp === true && env.app.served > 0;
  if (!asked && !env.app.tainted) return undefined;
  const why = asked ? `fresh-app: true in ${scenario.id}` : `the scenario before ${scenario.id} asked for a fresh app`;
  if (!env.restartApp) {
    return asked ? 'fresh-app: the app was not started by authfault (target.url), so it could not be restarted; it ran as earlier scenarios left it' : undefined;
  }
  const t0 = performance.now();
  await env.restartApp(why);
  return `the app was restarted before this scenario (${why}) in ${Math.round(performance.now() - t0)} ms`;
}

/** Time the scenario spends waiting on purpose, added to its time limit. */
function waitingMs(scenario: Scenario): number {
  const steps = scenario.steps.reduce((sum, s: Step) => sum + (s.type === 'wait' ? s.ms : s.type === 'wait-for' ? Math.max(0, s.timeoutMs - STEP_TIMEOUT_MS) : 0), 0);
  const recovery = scenario.expect.app.reduce((sum, e) => sum + (e.type === 'recovers-within' ? e.ms + STEP_TIMEOUT_MS : 0), 0);
  return steps + recovery + gaveUpWithinMs(scenario);
}

/** The longest gave-up-within of the scenario; 0 without one. */
function gaveUpWithinMs(scenario: Scenario): number {
  return Math.max(0, ...scenario.expect.idp.map((e) => (e.type === 'gave-up-within' ? e.ms : 0)));
}

/**
 * A load still waiting when the steps end has only waited as long as the steps took, which may
 * be less than gave-up-within allows: judged then, an app that never answers would pass. So wait
 * until each such load is answered or has waited past the limit — in either driver the load goes
 * on meanwhile, and how long it took is then what the app did, not what the harness's own step
 * timeouts happened to add up to.
 */
async function loadsJudged(obs: Observations, scenario: Scenario): Promise<void> {
  const limit = gaveUpWithinMs(scenario);
  if (limit === 0) return;
  const waitedEnough = () => [...obs.pending.values()].every(({ sentAt }) => Date.now() - sentAt > limit);
  while (obs.pending.size > 0 && !waitedEnough()) await sleep(SCENARIO_DEFAULTS.pollMs);
}

/** The app's page loads as the steps left them: a load still waiting counts as long as it has waited. */
function pageLoads(obs: Observations, appOrigin: string): PageLoads {
  const now = Date.now();
  return {
    answered: obs.appResponses.map(({ url, status, ms }) => ({ url, status, ms })),
    unanswered: [
      ...obs.navigationFailures.filter((f) => f.url.startsWith(`${appOrigin}/`)).map(({ url, ms, error }) => ({ url, ms, error })),
      ...[...obs.pending.values()].map(({ url, sentAt }) => ({ url, ms: now - sentAt, error: 'still waiting when the steps ended' })),
    ],
  };
}

/**
 * Attach the verdict. A `fail` is the app's verdict, not a broken test: the Playwright test
 * passes, because a failed one makes Playwright throw the worker away — its provider, its app
 * and its browser, seconds to start again — before the next scenario. Only an `error` (the
 * harness or the app's start-up broke), or an app whose process ended, fails the test and gets
 * the next scenario a fresh worker. Screenshots and traces of failures are kept by the fixture
 * from the verdict, not from the test's status (fixtures.ts).
 */
async function finish(testInfo: TestInfo, result: ScenarioReport, appEnded = false): Promise<void> {
  await testInfo.attach(RESULT_ATTACHMENT, { body: JSON.stringify(result), contentType: 'application/json' });
  if (result.verdict === 'error' || (result.verdict === 'fail' && appEnded)) {
    throw new Error(`${result.verdict}: ${result.diagnosis?.summary ?? ''}`);
  }
  if (result.verdict === 'warn') testInfo.annotations.push({ type: 'warning', description: result.diagnosis?.summary ?? '' });
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}
