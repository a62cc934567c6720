import { getKind, type JournalEntry } from '../../mock-provider/common.js';
import type { Diagnosis } from '../../reports/index.js';
import type { Scenario, Severity } from '../scenario/types.js';
import { stepDefinition } from '../steps/index.js';
import type { Check } from './check.js';
import { describeUnapplied, likelyReason } from './faults-applied.js';
import { describeEntry } from './journal-words.js';
import { couldNotBeJudged, type Decision } from './outcome.js';

export interface DiagnosisInput {
  scenario: Scenario;
  /** The verdict (outcome.ts), with its reason when the checks did not decide it. */
  decision: Decision;
  checks: readonly Check[];
  /** What the browser showed, in plain words. */
  browser: string[];
  entries: readonly JournalEntry[];
  /** The journal's last id when each step began: which requests came after a step set a fault. */
  stepMarks?: readonly number[];
}

/** What a scenario that injects nothing is for, when it does not say itself (`why:`). */
const POSITIVE_CONTROL_WHY =
  'A correct app must still sign users in when the provider behaves correctly; an app that refuses everything would otherwise pass every attack scenario.';

/**
 * The diagnosis a developer acts on: what was injected, what the app did (browser and provider's
 * view), what a correct app does, why it matters and how to fix it — true for the app at hand:
 *
 * - why: the scenario's own `why:`, else the faults' (a scenario without faults that expects a
 *   sign-in is a positive control and says so);
 * - every rule the app broke is listed with its severity, and a `must` with the sentence it enforces;
 * - a skipped scenario says why it could not be judged here (a capability the app does not use,
 *   faults that never met a request), never what the checks would have said without the fault.
 */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const { scenario, checks, entries, decision } = input;
  const failed = checks.filter((c) => !c.ok);
  // Faults set mid-scenario (set-faults) count as injected too, named with the step that set them.
  const later = scenario.steps.flatMap((s, i) => (stepDefinition(s).faults?.(s) ?? []).map((f) => ({ f, at: ` (from step ${i + 1})` })));
  const all = [...scenario.faults.map((f) => ({ f, at: '' })), ...later];
  const kinds = [...new Set(all.map(({ f }) => f.kind))].map((k) => getKind(k)).filter((k) => k !== undefined);
  const applied = entries.flatMap((e) => e.faults.map((f) => `${f.kind} at ${e.method} ${e.path}: ${f.effect}`));
  const injected =
    all.length === 0
      ? ['nothing: the provider behaved correctly throughout']
      : [
          ...all.map(({ f, at }) => `${f.kind}${Object.keys(f.params).length ? ` ${JSON.stringify(f.params)}` : ''}${Object.keys(f.when).length ? ` when ${JSON.stringify(f.when)}` : ''}${f.stage ? ' (sets the stage)' : ''}${at}`),
          ...(applied.length > 0 ? applied : ['(no fault applied: the app made no request a fault matched)']),
        ];
  const observed = [
    ...input.browser,
    ...checks.map((c) => c.observed),
    ...(entries.length > 0 ? [`provider saw ${entries.length} request(s): ${entries.map(describeEntry).join(' · ')}`] : ['the provider saw no request']),
  ];
  const why = scenario.why ?? (kinds.length > 0 ? kinds.map((k) => k.why).join(' ') : expectsSignIn(scenario) ? POSITIVE_CONTROL_WHY : (scenario.description ?? POSITIVE_CONTROL_WHY));
  const fix =
    kinds.length > 0
      ? kinds.map((k) => k.fix).join(' ')
      : 'Compare the app against the provider’s discovery document and the journal above: the request that failed shows which step of the flow the app got wrong.';
  const expected = checks.map((c) => expectedLine(c, scenario.severity));
  const references = [...new Set([...scenario.references, ...kinds.flatMap((k) => k.references)])];
  const base = { category: scenario.category, injected, expected, references };
  if (decision.verdict === 'skipped' && 'missing' in decision) {
    const { capability, observed: what, why: because } = decision.missing;
    return {
      ...base,
      summary: `Skipped: the scenario requires ${capability}, and ${what}.`,
      observed: [`requires ${capability}: ${what}`, ...observed],
      why: because,
      fix: 'Nothing to fix in the app for this scenario: it tests a capability the app does not use. If the app should use it, the journal above shows what it sent instead.',
    };
  }
  if (decision.verdict === 'skipped') {
    const { reason, fix: what } = likelyReason(decision.unapplied, Boolean(scenario.freshApp), entries, input.stepMarks);
    return {
      ...base,
      summary: `Skipped: the faults under test never applied (${decision.unapplied.map(describeUnapplied).join('; ')}). ${reason}`,
      observed: [`no fault under test applied: the provider recorded no application of ${decision.unapplied.map((f) => f.kind).join(', ')} in this scenario`, ...observed],
      why: `A scenario whose faults never acted ran against a provider that behaved, so its verdict would say nothing about how the app handles the fault: a fail would blame the app for something else, a pass would be vacuous. ${why}`,
      fix: what,
    };
  }
  return { ...base, summary: summaryLine(input, failed), observed, why, fix };
}

function expectsSignIn(scenario: Scenario): boolean {
  return scenario.expect.app.some((e) => e.type === 'app' && (e as { state?: string }).state === 'signed-in');
}

/** A rule as the diagnosis lists it: its own severity when it differs from the scenario's, and a must's sentence. */
function expectedLine(c: Check, scenarioSeverity: Severity): string {
  const severity = c.severity ?? scenarioSeverity;
  const quoted = c.spec ? ` — ${c.spec.source}: “${c.spec.quote}”` : '';
  const tag = severity !== scenarioSeverity ? ` (${severity.toUpperCase()})` : '';
  return `${c.expected}${tag}${severity === 'must' ? quoted : ''}`;
}

const RANK: Record<Severity, number> = { must: 0, should: 1, may: 2 };

function summaryLine(input: DiagnosisInput, failed: Check[]): string {
  if (input.decision.verdict === 'error') return couldNotBeJudged(input.decision.reason);
  if (failed.length === 0) return `Handled: ${input.checks.map((c) => c.expected).join('; ')}.`;
  // The strictest broken rule leads: it is the one that decided the verdict.
  const severity = (c: Check) => c.severity ?? input.scenario.severity;
  const first = [...failed].sort((a, b) => RANK[severity(a)] - RANK[severity(b)])[0]!;
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more unmet expectation${failed.length > 2 ? 's' : ''})` : '';
  const by = first.spec && severity(first) === 'must' ? ` — a MUST of ${first.spec.source}` : severity(first) === 'must' ? '' : ` (a ${severity(first).toUpperCase()})`;
  return `Expected ${first.expected}, but ${first.observed}${more}${by}.`;
}
