import type { JournalEntry } from '../../mock-provider/common.js';
import { isCrashStatus } from './no-crash.js';
import type { ErrorRule } from '../config/types.js';
import type { AppExpectation, IdpExpectation, Scenario, Severity } from '../scenario/types.js';
import type { Observations } from '../drivers/observations.js';
import type { Check } from './check.js';
import { gaveUpWithin, type PageLoads } from './gave-up-within.js';
import { count, noRequest, retryAfterHonored, singleFlightRefresh, tlsRefused } from './journal-checks.js';
import { noCrash } from './no-crash.js';
import { order } from './order.js';
import { cookieCheck, errorShown, statusIs, textShown, urlMatches } from './page-checks.js';
import type { PageSnapshot } from './page-snapshot.js';
import { pkce } from './pkce.js';

export interface AppState {
  signedIn: boolean;
  how: string;
  /** The app's process ended during the scenario. */
  crashed?: string;
}

/** The app-level expectation: signed in, or refused (not signed in, no crash status, no crash). */
export function appCheck(expected: 'signed-in' | 'refused', state: AppState, obs: Pick<Observations, 'appResponses'>): Check {
  const serverErrors = obs.appResponses.filter((r) => isCrashStatus(r.status));
  if (expected === 'signed-in') {
    return { ok: state.signedIn && !state.crashed, expected: 'the user is signed in', observed: state.crashed ?? (state.signedIn ? `signed in: ${state.how}` : `not signed in: ${state.how}`) };
  }
  const problems = [
    ...(state.signedIn ? [`the user was signed in (${state.how})`] : []),
    ...serverErrors.map((r) => `the app answered ${r.status} at ${r.url}`),
    ...(state.crashed ? [state.crashed] : []),
  ];
  return {
    ok: problems.length === 0,
    expected: 'the app refuses: the user is not signed in and the app answers without a 500 or a crash',
    observed: problems.length > 0 ? problems.join('; ') : `refused: ${state.how}${lastStatus(obs)}`,
  };
}

function lastStatus(obs: Pick<Observations, 'appResponses'>): string {
  const last = obs.appResponses.at(-1);
  return last ? `; the app answered ${last.status} at ${last.url}` : '';
}

/** What the browser-side expectations are judged on, gathered by the runner. */
export interface AppEvidence {
  /** The page as the last step left it. */
  page: PageSnapshot;
  /** Whether the user is signed in (the target config's rule), and whether the app's process ended. */
  state: AppState;
  obs: Pick<Observations, 'appResponses' | 'navigationFailures'>;
  appOrigin: string;
  errorRule?: ErrorRule;
  /** The target config's wording: a scenario's expected text → the app's words for it. */
  wording?: Readonly<Record<string, string>>;
  /** recovers-within is judged by the runner, which may sign in again; its check comes in here. */
  recovery?: Check;
}

/** A scenario's expected text in the app's own words, when the target config's wording has them. */
function worded(text: string, wording: Readonly<Record<string, string>> | undefined): string {
  return wording && Object.hasOwn(wording, text) ? wording[text]! : text;
}

/** Every `expect:` expectation about the browser, in the order written. */
export function appChecks(expectations: readonly AppExpectation[], evidence: AppEvidence): Check[] {
  return expectations.map((exp) => withSeverity(exp, appCheckOf(exp, evidence)));
}

function appCheckOf(exp: AppExpectation, e: AppEvidence): Check {
  switch (exp.type) {
    case 'app':
      return appCheck(exp.state, e.state, e.obs);
    case 'error-shown':
      return errorShown(exp.text === undefined ? exp : { ...exp, text: worded(exp.text, e.wording) }, e.page, e.errorRule);
    case 'no-crash':
      return noCrash({ ...e.obs, ...(e.state.crashed ? { crashed: e.state.crashed } : {}) }, e.appOrigin);
    case 'status':
      return statusIs(exp, e.page);
    case 'text':
      return textShown({ ...exp, text: worded(exp.text, e.wording) }, e.page);
    case 'url':
      return urlMatches(exp, e.page);
    case 'cookie':
      return cookieCheck(exp, e.page);
    case 'recovers-within':
      return e.recovery ?? { ok: false, expected: `once the faults end, the user is signed in within ${exp.ms} ms`, observed: 'recovery was not measured' };
  }
}

/** What some journal expectations need besides the journal. */
export interface JournalCheckContext {
  /** The journal's last id when each step began (from_step). */
  stepMarks?: readonly number[];
  /** The app's page loads as the browser timed them (gave-up-within). */
  loads?: PageLoads;
}

/** Every journal expectation of the scenario, judged on the entries of this scenario only. */
export function journalChecks(scenario: Scenario, entries: readonly JournalEntry[], context: JournalCheckContext = {}): Check[] {
  return scenario.expect.idp.map((exp) => withSeverity(exp, journalCheckOf(exp, entries, context)));
}

function journalCheckOf(exp: IdpExpectation, entries: readonly JournalEntry[], context: JournalCheckContext): Check {
  switch (exp.type) {
    case 'no-request':
      return fromStep(exp.fromStep, context, entries, (later) => noRequest(exp.endpoint, later));
    case 'count':
      return fromStep(exp.fromStep, context, entries, (later) => count(exp, later));
    case 'retry-after-honored':
      return retryAfterHonored(exp.endpoint, entries);
    case 'tls-refused':
      return tlsRefused(entries);
    case 'single-flight-refresh':
      return singleFlightRefresh(exp.windowMs, entries);
    case 'order':
      return order(exp.items, entries);
    case 'pkce':
      return pkce(entries);
    case 'gave-up-within':
      return gaveUpWithin(exp.ms, context.loads, entries);
  }
}

/** Judge only the entries from the start of step n (1-based) on, and say so. */
function fromStep(n: number | undefined, context: JournalCheckContext, entries: readonly JournalEntry[], check: (entries: readonly JournalEntry[]) => Check): Check {
  if (n === undefined) return check(entries);
  const mark = context.stepMarks?.[n - 1];
  // A step that never ran (an earlier one failed) caused nothing.
  const later = mark === undefined ? [] : entries.filter((e) => e.id > mark);
  const result = check(later);
  return { ...result, expected: `from step ${n} on, ${result.expected}`, observed: `from step ${n} on, ${result.observed}` };
}

function withSeverity(exp: { severity?: Severity }, check: Check): Check {
  return exp.severity ? { ...check, severity: exp.severity } : check;
}
