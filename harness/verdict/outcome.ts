import type { Diagnosis, Evidence, FaultApplied, ScenarioReport, StepReport, Verdict } from '../../reports/index.js';
import { SEVERITIES } from '../scenario/severities.js';
import type { Scenario, Severity } from '../scenario/types.js';
import type { MissingCapability } from './capabilities.js';
import type { Check } from './check.js';
import type { UnappliedFault } from './faults-applied.js';

/**
 * What became of a scenario — decided here, and recorded here as its ScenarioReport:
 *
 * - pass / fail / warn: judged. A broken expectation whose severity (its own, else the
 *   scenario's) is `must` fails; broken `should` and `may` expectations alone warn.
 * - skipped: not judged, with the reason: its faults never acted (the app met a provider that
 *   behaved, so a fail would blame it for something else and a pass would be vacuous), the target
 *   config lacks a page it visits, or it needs a browser in an http run.
 * - error: could not be judged, with the reason: the provider or the app did not start, the app
 *   answered nothing at all, or the scenario never reached a verdict. Never charged to the app.
 */
export type Decision =
  | { verdict: JudgedVerdict; /** The strongest severity among the rules the app broke. */ broken?: Severity }
  | { verdict: 'skipped'; unapplied: readonly UnappliedFault[] }
  | { verdict: 'skipped'; missing: MissingCapability }
  | { verdict: 'error'; reason: string };

/** The verdicts the checks decide. */
export type JudgedVerdict = Extract<Verdict, 'pass' | 'fail' | 'warn'>;

/** What a scenario that ran is decided on. */
export interface Judgement {
  checks: readonly Check[];
  severity: Severity;
  /** Every fault under test the scenario set (faultsOf), and whether any of them acted (anyFaultApplied). */
  faults: readonly UnappliedFault[];
  applied: boolean;
  /** A capability the scenario requires that the app did not use (capabilities.ts). */
  missing?: MissingCapability;
  /** The app's process ended: its own doing whatever the faults did, so it is judged. */
  crashed: boolean;
  /** Set when the app answered no request at all and refused connections (the app was down). */
  down?: string;
  /**
   * Set when the app refused, but does not sign anyone in even when the provider behaves (a
   * control sign-in failed): its refusal proves nothing about the fault.
   */
  unjudgeable?: string;
}

/**
 * The order of the reasons not to judge: a process that ended is judged (the app's own doing); an
 * app that answered nothing while the faults never acted was down (error); a capability the app
 * does not use, or faults under test that never acted, leave nothing to judge (skipped); a
 * refusal from an app that refuses everything proves nothing (error).
 */
export function decide(j: Judgement): Decision {
  const judged = verdictOf(j.checks, j.severity);
  if (j.crashed) return judged;
  const unapplied = j.faults.length > 0 && !j.applied;
  if (unapplied && j.down) return { verdict: 'error', reason: j.down };
  if (j.missing) return { verdict: 'skipped', missing: j.missing };
  if (unapplied) return { verdict: 'skipped', unapplied: j.faults };
  if (j.unjudgeable) return { verdict: 'error', reason: j.unjudgeable };
  return judged;
}

/** The verdict from the spec's own words: a broken `must` fails, broken `should` and `may` alone warn. */
export function verdictOf(checks: readonly Check[], severity: Severity): { verdict: JudgedVerdict; broken?: Severity } {
  const broken = checks.filter((c) => !c.ok).map((c) => c.severity ?? severity);
  if (broken.length === 0) return { verdict: 'pass' };
  const strongest = SEVERITIES.find((s) => broken.includes(s))!;
  return { verdict: strongest === 'must' ? 'fail' : 'warn', broken: strongest };
}

/** The summary of every `error`. */
export function couldNotBeJudged(reason: string): string {
  return `The scenario could not be judged: ${reason}`;
}

/** The scenario's identity in its report; also carried on its Playwright test. */
export type ScenarioMeta = Pick<ScenarioReport, 'id' | 'title' | 'file' | 'line' | 'column' | 'category' | 'severity' | 'references'>;

export function scenarioMeta(s: Scenario): ScenarioMeta {
  return { id: s.id, title: s.title, file: s.file, line: s.loc.line, column: s.loc.column, category: s.category, severity: s.severity, references: s.references };
}

/** What a report holds besides the scenario, its verdict and its diagnosis. */
export interface Ran {
  /** The strongest severity among the rules the app broke, for a fail or a warn. */
  broken?: Severity;
  faults?: FaultApplied[];
  steps?: StepReport[];
  durationMs: number;
  evidence?: Evidence;
  retries: number;
}

/** The one place a scenario's outcome becomes its report. */
export function recordOutcome(meta: ScenarioMeta, verdict: Verdict, diagnosis: Diagnosis, ran: Ran): ScenarioReport {
  return {
    ...meta,
    faults: ran.faults ?? [],
    steps: ran.steps ?? [],
    verdict,
    ...(ran.broken ? { broken: ran.broken } : {}),
    durationMs: ran.durationMs,
    evidence: ran.evidence ?? {},
    retries: ran.retries,
    diagnosis,
  };
}

/** Why a scenario was not judged, in the words of its diagnosis. */
export interface NotJudged {
  summary: string;
  observed: string[];
  why: string;
  fix: string;
}

/** A scenario that was not judged: skipped (it cannot say anything here) or an error (it never reached a verdict). */
export function recordNotJudged(meta: ScenarioMeta, verdict: 'skipped' | 'error', reason: NotJudged, ran: Ran): ScenarioReport {
  const { summary, observed, why, fix } = reason;
  return recordOutcome(meta, verdict, { summary, category: meta.category, injected: [], observed, expected: [], why, fix, references: meta.references }, ran);
}

/**
 * A scenario that never reached a verdict (a timeout, a crash in the harness, a run that ended
 * early): an error whose reason is `what` (its first line in the summary).
 */
export function recordUnjudged(meta: ScenarioMeta, what: string, advice: { why: string; fix: string }, ran: Ran, verdict: 'error' | 'skipped' = 'error'): ScenarioReport {
  return recordNotJudged(meta, verdict, { summary: couldNotBeJudged(what.split('\n')[0]!), observed: [what], ...advice }, ran);
}
