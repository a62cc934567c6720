import type { Diagnosis, Evidence, FaultApplied, ScenarioReport, StepReport, Verdict } from '../../reports/index.js';
import type { Scenario, Severity } from '../scenario/types.js';
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
  | { verdict: JudgedVerdict }
  | { verdict: 'skipped'; unapplied: readonly UnappliedFault[]; /** What the checks alone would have said. */ judged: JudgedVerdict }
  | { verdict: 'error'; reason: string };

/** The verdicts the checks decide. */
export type JudgedVerdict = Extract<Verdict, 'pass' | 'fail' | 'warn'>;

/** What a scenario that ran is decided on. */
export interface Judgement {
  checks: readonly Check[];
  severity: Severity;
  /** Every fault the scenario set (faultsOf), and whether any of them acted (anyFaultApplied). */
  faults: readonly UnappliedFault[];
  applied: boolean;
  /** The app's process ended: its own doing whatever the faults did, so it is judged. */
  crashed: boolean;
  /** Set when the app answered no request at all and refused connections (the app was down). */
  down?: string;
}

export function decide(j: Judgement): Decision {
  const judged = verdictOf(j.checks, j.severity);
  const unapplied = j.faults.length > 0 && !j.crashed && !j.applied;
  if (!unapplied) return { verdict: judged };
  // Faults that never met a request because the app answered nothing at all are not a scenario
  // that does not apply: the app was down (or not up yet).
  if (j.down) return { verdict: 'error', reason: j.down };
  return { verdict: 'skipped', unapplied: j.faults, judged };
}

/** The verdict from the spec's own words: a broken `must` fails, broken `should` and `may` alone warn. */
export function verdictOf(checks: readonly Check[], severity: Severity): JudgedVerdict {
  const broken = checks.filter((c) => !c.ok);
  if (broken.length === 0) return 'pass';
  return broken.some((c) => (c.severity ?? severity) === 'must') ? 'fail' : 'warn';
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
