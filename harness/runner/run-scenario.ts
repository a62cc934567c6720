import { setTimeout as sleep } from 'node:timers/promises';
import { test, type TestInfo } from '@playwright/test';
import type { FaultView, JournalEntry, MockProviderHandle } from '../../mock-provider/common.js';
import type { Diagnosis, ScenarioReport, StepReport } from '../../reports/index.js';
import { newObservations, type Observations } from '../drivers/observations.js';
import { SCENARIO_DEFAULTS } from '../scenario/defaults.js';
import type { Budgets } from '../config/types.js';
import type { Scenario } from '../scenario/types.js';
import { stepDefinition } from '../steps/index.js';
import { NeedsBrowser } from '../steps/shared/open.js';
import { addFaults, retireFaults } from '../steps/shared/faults.js';
import type { ScenarioContext, StepContext } from '../steps/step.js';
import type { Check } from '../verdict/check.js';
import { diagnose } from '../verdict/diagnose.js';
import { missingCapability } from '../verdict/capabilities.js';
import { anyFaultApplied, faultsOf } from '../verdict/faults-applied.js';
import { appExpectationDefinition } from '../verdict/app/index.js';
import { isRecoversWithin, type RecoversWithin } from '../verdict/app/recovers-within.js';
import type { AppState, PageLoads } from '../verdict/evidence.js';
import { STILL_WAITING } from '../verdict/idp/gave-up-within.js';
import { idpExpectationDefinition } from '../verdict/idp/index.js';
import { appChecks, journalChecks } from '../verdict/judge.js';
import { decide, recordNotJudged, recordOutcome, scenarioMeta, type Decision, type Ran } from '../verdict/outcome.js';
import { snapshotPage, type PageSnapshot } from '../verdict/page-snapshot.js';
import { probeRecovery, recoveryCheck, recoveryPoint } from '../verdict/recovery.js';
import { detectSignedIn, showsSignedIn } from '../verdict/signed-in.js';
import { needsBrowserSkip } from './needs-browser-skip.js';
import { attachResult } from './result-attachment.js';
import { runStep, signInAgain, type DriverAgent, type OpenAgent } from './run-step.js';
import type { WorkerEnv } from './worker-env.js';

const STEP_TIMEOUT_MS = SCENARIO_DEFAULTS.stepTimeoutMs;

/**
 * One scenario, in its phases: prepare the app and the provider (a fresh app when asked, the
 * scenario's faults), act (its steps, as test.steps that point at the YAML, in the scenario's
 * driver: a browser page, or the browserless http user agent), judge the app from what that
 * driver saw and from the journal, decide the verdict (outcome.ts), and record it as the
 * scenario's report (finish()).
 *
 * The judging order matters: the page-bound expectations (text, url, status, cookie,
 * error-shown) look at the page the steps left, before detecting sign-in may open the home page;
 * the journal expectations look at the requests up to then; recovers-within comes last, because
 * it may sign in again and add requests of its own.
 */
export async function runScenario(scenario: Scenario, env: WorkerEnv, openAgent: OpenAgent, testInfo: TestInfo): Promise<void> {
  const started = performance.now();
  const ran = (parts: Omit<Ran, 'durationMs' | 'retries'> = {}): Ran => ({ ...parts, durationMs: Math.round(performance.now() - started), retries: testInfo.retry });
  const ready = await prepare(scenario, env, testInfo);
  if ('error' in ready) {
    const decision: Decision = { verdict: 'error', reason: ready.error };
    await finish(testInfo, recordOutcome(scenarioMeta(scenario), 'error', diagnose({ scenario, decision, checks: [], browser: [], entries: [] }), ran()));
    return;
  }
  const { idp } = ready;
  const since = idp.journal.lastId;
  const startedAt = Date.now();
  idp.reset();
  const obs = newObservations();
  if (ready.restarted) obs.notes.push(ready.restarted);
  const base = stepContext(env, idp, obs, since, STEP_TIMEOUT_MS);
  const ctx: StepContext<DriverAgent> = { ...base, agent: await openAgent({ appUrl: base.appUrl, idpOrigin: base.idpOrigin, obs }) };
  await addFaults(scenario.faults, ctx);
  const recovery = scenario.expect.app.find(isRecoversWithin);
  let restartedForControl = false;
  try {
    const acted = await act(scenario, ctx, { env, watchSignIn: recovery !== undefined });
    if (acted.needsBrowser) {
      await finish(testInfo, recordNotJudged(scenarioMeta(scenario), 'skipped', needsBrowserSkip([acted.needsBrowser]), ran({ steps: acted.steps })));
      return;
    }
    const judged = await judge(scenario, ctx, { env, since, startedAt, recovery });
    const checks = [...acted.errors, ...judged.checks];
    const views: FaultView[] = [...obs.faultChanges.flatMap((c) => c.retired), ...idp.faults.list()];
    const crashed = judged.state.crashed !== undefined;
    const missing = scenario.requires ? missingCapability(scenario.requires, judged.evidence) : undefined;
    const down = appDown(obs);
    const judgement = {
      checks,
      severity: scenario.severity,
      faults: faultsOf(scenario),
      applied: anyFaultApplied(views, judged.evidence, obs.stageFaults),
      ...(missing ? { missing } : {}),
      crashed,
      ...(down ? { down } : {}),
    };
    if (judged.state.signedIn) env.app.signedIn = true;
    // A fail stands on its own evidence; a pass or warn on a refusal needs the control.
    const control = refuses(scenario) && passesOrWarns(decide(judgement)) ? await controlSignIn(scenario, ctx, env) : undefined;
    if (control?.restarted) restartedForControl = true;
    const unjudgeable = control?.unjudgeable;
    const decision = decide({ ...judgement, ...(unjudgeable ? { unjudgeable } : {}) });
    const browser = browserLines(ctx.agent, judged.endedAt, obs);
    const diagnosis: Diagnosis = diagnose({ scenario, decision, checks, browser, entries: judged.evidence, stepMarks: obs.stepMarks });
    const faults = views.map((f) => ({ kind: f.kind, params: f.params, ...(Object.keys(f.when).length ? { when: f.when as Record<string, unknown> } : {}), applied: f.applied }));
    const evidence = { journal: judged.evidence, ...(env.target ? { appLog: env.target.logFile } : {}) };
    const broken = 'broken' in decision && decision.broken ? { broken: decision.broken } : {};
    await finish(testInfo, recordOutcome(scenarioMeta(scenario), decision.verdict, diagnosis, ran({ faults, steps: acted.steps, evidence, ...broken })), crashed);
  } finally {
    idp.faults.clear();
    await ctx.agent.close();
    // An app restarted for the control has served only the control, with no fault: nothing to restart for.
    env.app = restartedForControl ? { ...env.app, served: 1, tainted: false } : { ...env.app, served: env.app.served + 1, tainted: Boolean(scenario.freshApp) };
  }
}

/** What every step of a scenario works with: the worker's provider and app, the scenario's observations. */
export function stepContext(env: WorkerEnv, idp: MockProviderHandle, obs: Observations, journalSince: number, timeoutMs: number): ScenarioContext {
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

/**
 * Prepare: the worker's provider and app must be up, and an app that must be fresh is restarted
 * (fresh-app); the scenario's time limit grows by the time it waits on purpose. An error here is
 * the scenario's `error` verdict, and the reason is kept for the worker's later scenarios.
 */
async function prepare(scenario: Scenario, env: WorkerEnv, testInfo: TestInfo): Promise<{ error: string } | { idp: MockProviderHandle; restarted?: string }> {
  const { idp } = env;
  if (env.startError || !idp) return { error: env.startError ?? 'the provider did not start' };
  let restarted: string | undefined;
  try {
    restarted = await freshAppIfAsked(scenario, env);
  } catch (error) {
    env.startError = `the app could not be restarted for fresh-app: ${(error as Error).message}`;
    return { error: env.startError };
  }
  const extraMs = waitingMs(scenario, env.budgets) + (restarted ? SCENARIO_DEFAULTS.stepTimeoutMs : 0);
  if (extraMs > 0 && testInfo.timeout > 0) testInfo.setTimeout(testInfo.timeout + extraMs);
  return { idp, ...(restarted ? { restarted } : {}) };
}

/**
 * Act: the steps in order, each a test.step at its place in the YAML. A step that fails is a
 * broken expectation ("step … succeeds"), and the steps after it are skipped. For
 * recovers-within, whether the page shows the signed-in sign is noted after every step.
 */
async function act(scenario: Scenario, ctx: StepContext<DriverAgent>, { env, watchSignIn }: { env: WorkerEnv; watchSignIn: boolean }): Promise<{ steps: StepReport[]; errors: Check[]; needsBrowser?: string }> {
  const { idp, obs, agent } = ctx;
  const steps: StepReport[] = [];
  const errors: Check[] = [];
  let needsBrowser: string | undefined;
  for (const [index, step] of scenario.steps.entries()) {
    const t0 = performance.now();
    const report: StepReport = { title: step.title, line: step.loc.line, column: step.loc.column, status: 'passed', durationMs: 0 };
    steps.push(report);
    obs.stepMarks.push(idp.journal.lastId);
    if (errors.length > 0 || needsBrowser) {
      report.status = 'skipped';
      continue;
    }
    try {
      await test.step(step.title, () => runStep(step, ctx), { location: { file: step.loc.file, line: step.loc.line, column: step.loc.column } });
    } catch (error) {
      // Over http, the page needed a script for this step: the scenario is skipped, not judged.
      if (error instanceof NeedsBrowser) {
        report.status = 'skipped';
        needsBrowser = `${step.loc.file}:${step.loc.line}:${step.loc.column}: ${error.message}`;
        continue;
      }
      report.status = 'failed';
      report.error = firstLine(error);
      errors.push({ ok: false, expected: `step "${step.title}" succeeds`, observed: `step "${step.title}" failed: ${firstLine(error)}` });
    }
    if (watchSignIn && (await showsSignedIn(agent, env.signedIn, env.appUrl))) obs.signedInSeen.push({ at: Date.now(), step: index });
    report.durationMs = Math.round(performance.now() - t0);
  }
  return { steps, errors, ...(needsBrowser ? { needsBrowser } : {}) };
}

interface Judged {
  checks: Check[];
  state: AppState;
  /** Where the user agent was when the steps ended. */
  endedAt: string;
  /** The journal the verdict rests on: up to the judging, and the harness's own sign-ins when recovery was probed. */
  evidence: JournalEntry[];
}

/**
 * Judge: the page as the steps left it, whether the user is signed in and the app's process
 * still runs, the journal, and last recovery (which may sign in again) — each expectation a check.
 */
async function judge(
  scenario: Scenario,
  ctx: StepContext<DriverAgent>,
  { env, since, startedAt, recovery }: { env: WorkerEnv; since: number; startedAt: number; recovery: RecoversWithin | undefined },
): Promise<Judged> {
  const { idp, obs, agent } = ctx;
  await loadsJudged(obs, scenario, env.budgets);
  const loads = pageLoads(obs, new URL(env.appUrl).origin);
  const endedAt = agent.url();
  const seen = await test.step('judge the app', async () => {
    const snapshot: PageSnapshot = await snapshotPage(agent, obs, env.appUrl);
    const state: AppState = await detectSignedIn(agent, env.signedIn, env.appUrl, STEP_TIMEOUT_MS);
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
        const signedIn = obs.signedInSeen.find((s) => s.at >= point.at);
        if (signedIn) return recoveryCheck(recovery.ms, point, { at: signedIn.at, how: `the page showed the signed-in sign after step ${signedIn.step + 1}` });
        const probe = await probeRecovery({
          until: point.at + recovery.ms,
          now: { ...seen.state, at: seen.seenAt },
          signIn: async () => {
            await signInAgain(ctx);
            return detectSignedIn(agent, env.signedIn, env.appUrl, STEP_TIMEOUT_MS);
          },
        });
        return recoveryCheck(recovery.ms, point, probe);
      })
    : undefined;
  const checks = [
    ...appChecks(scenario, {
      page: seen.snapshot,
      state: seen.state,
      obs,
      appOrigin: new URL(env.appUrl).origin,
      ...(env.error ? { errorRule: env.error } : {}),
      wording: env.wording,
      ...(recoveryResult ? { recovery: recoveryResult } : {}),
    }),
    ...journalChecks(scenario, entries, { stepMarks: obs.stepMarks, loads, budgets: env.budgets }),
  ];
  return { checks, state: seen.state, endedAt, evidence: recoveryResult ? idp.journal.entries(since) : entries };
}

/** The scenario expects the app to refuse: a verdict that means something only if the app can sign anyone in at all. */
function refuses(scenario: Scenario): boolean {
  return scenario.expect.app.some((e) => e.type === 'app' && (e as { state?: string }).state === 'refused');
}

function passesOrWarns(decision: Decision): boolean {
  return decision.verdict === 'pass' || decision.verdict === 'warn';
}

/**
 * A refusal proves nothing about the fault if the app refuses everyone: an app that cannot sign
 * in against a provider that behaves (a wrong signed-in rule in the target config, a broken app)
 * would pass every attack scenario. So once per app instance, before a refusal is taken as a
 * verdict, the harness signs in again with every fault cleared; an app that has been seen signed
 * in since it started needs no such control. Returns why the scenario cannot be judged, if so.
 */
async function controlSignIn(scenario: Scenario, ctx: StepContext<DriverAgent>, env: WorkerEnv): Promise<{ unjudgeable?: string; restarted: boolean }> {
  if (env.app.signedIn) return { restarted: false };
  // A fresh-app scenario may have left the app holding what the fault served (a discovery
  // document naming another issuer): the control needs an app that has not seen it.
  const restart = scenario.freshApp === true && env.restartApp !== undefined;
  // What the user agent sees during the control is not the scenario's evidence; and whether a
  // control runs at all depends on which scenario a worker ran first, so it must not reach the report.
  const { obs } = ctx;
  const seen = { notes: obs.notes.length, appResponses: obs.appResponses.length, navigationFailures: obs.navigationFailures.length };
  const state = await test.step('control: sign in with the provider behaving', async () => {
    retireFaults(ctx);
    if (restart) await env.restartApp!(`control sign-in after ${scenario.id}, which asked for a fresh app`);
    const quick = ctx.agent.name === 'browser' ? await signInOverHttp(ctx, env) : undefined;
    if (quick?.signedIn) return quick;
    await signInAgain(ctx);
    return detectSignedIn(ctx.agent, env.signedIn, env.appUrl, STEP_TIMEOUT_MS);
  });
  obs.notes.length = seen.notes;
  obs.appResponses.length = seen.appResponses;
  obs.navigationFailures.length = seen.navigationFailures;
  if (state.signedIn) {
    env.app.signedIn = true;
    return { restarted: restart };
  }
  return {
    restarted: restart,
    unjudgeable: `the app refused, but it does not sign anyone in even when the provider behaves (a control sign-in with every fault cleared: ${state.how}), so its refusal says nothing about this scenario's fault — check the target config's signed-in rule and the happy-path scenario`,
  };
}

/**
 * The control over http first, for a browser scenario: a sign-in that works without a browser
 * proves the app signs people in just as well, at a tenth of the cost (a page that needs a
 * script, or any other failure, leaves the answer to the browser). It has its own cookie jar and
 * observations, so nothing of it reaches the browser's page or the scenario's evidence.
 */
async function signInOverHttp(ctx: StepContext<DriverAgent>, env: WorkerEnv): Promise<{ signedIn: boolean; how: string } | undefined> {
  const { HttpAgent } = await import('../drivers/http/agent.js');
  const obs = newObservations();
  const agent = await HttpAgent.open({ appUrl: ctx.appUrl, idpOrigin: ctx.idpOrigin, obs, ignoreHTTPSErrors: ctx.idpOrigin.startsWith('https:') });
  try {
    await signInAgain({ ...ctx, obs, agent });
    return await detectSignedIn(agent, env.signedIn, env.appUrl, STEP_TIMEOUT_MS);
  } catch {
    return undefined;
  } finally {
    await agent.close();
  }
}

/** What the user agent showed, in plain words, for the diagnosis. */
function browserLines(agent: DriverAgent, endedAt: string, obs: Observations): string[] {
  return [
    `${agent.name === 'http' ? 'the http user agent' : 'browser'} ended at ${endedAt}`,
    ...obs.appResponses.filter((r) => r.status >= 400).map((r) => `the app answered ${r.status} at ${r.url}`),
    ...obs.navigationFailures.map((f) => `navigation to ${f.url} failed: ${f.error}`),
    ...obs.notes,
  ];
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
function waitingMs(scenario: Scenario, budgets: Budgets): number {
  const steps = scenario.steps.reduce((sum, s) => sum + (stepDefinition(s).waitsMs?.(s) ?? 0), 0);
  const judging = scenario.expect.app.reduce((sum, e) => sum + (appExpectationDefinition(e).waitsMs?.(e) ?? 0), 0);
  return steps + judging + loadsMs(scenario, budgets);
}

/** How long a page load still waiting when the steps end must have waited before it is judged (gave-up-within); 0: not at all. */
function loadsMs(scenario: Scenario, budgets: Budgets): number {
  return Math.max(0, ...scenario.expect.idp.map((e) => idpExpectationDefinition(e).loadsMs?.(e, budgets) ?? 0));
}

/**
 * A load still waiting when the steps end has only waited as long as the steps took, which may
 * be less than gave-up-within allows: judged then, an app that never answers would pass. So wait
 * until each such load is answered or has waited past the limit — in either driver the load goes
 * on meanwhile, and how long it took is then what the app did, not what the harness's own step
 * timeouts happened to add up to.
 */
async function loadsJudged(obs: Observations, scenario: Scenario, budgets: Budgets): Promise<void> {
  const limit = loadsMs(scenario, budgets);
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
      ...[...obs.pending.values()].map(({ url, sentAt }) => ({ url, ms: now - sentAt, error: STILL_WAITING })),
    ],
  };
}

/**
 * Record: attach the report. A `fail` is the app's verdict, not a broken test: the Playwright
 * test passes, because a failed one makes Playwright throw the worker away — its provider, its
 * app and its browser, seconds to start again — before the next scenario. Only an `error` (the
 * harness or the app's start-up broke), or an app whose process ended, fails the test and gets
 * the next scenario a fresh worker. Screenshots and traces of failures are kept by the fixture
 * from the verdict, not from the test's status (fixtures.ts).
 */
async function finish(testInfo: TestInfo, result: ScenarioReport, appEnded = false): Promise<void> {
  await attachResult(testInfo, result);
  if (result.verdict === 'error' || (result.verdict === 'fail' && appEnded)) {
    throw new Error(`${result.verdict}: ${result.diagnosis?.summary ?? ''}`);
  }
  if (result.verdict === 'warn') testInfo.annotations.push({ type: 'warning', description: result.diagnosis?.summary ?? '' });
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}
