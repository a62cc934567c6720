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
}

/**
 * The diagnosis a developer acts on: what was injected, what the app did (browser and provider's
 * view), what a correct app does, why it matters and how to fix it. The why and fix come from
 * the fault kinds; a scenario without faults is a positive control and says so.
 */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const { scenario, checks, entries } = input;
  const failed = checks.filter((c) => !c.ok);
  // Faults set mid-scenario (set-faults) count as injected too, named with the step that set them.
  const later = scenario.steps.flatMap((s, i) => (stepDefinition(s).faults?.(s) ?? []).map((f) => ({ f, at: ` (from step ${i + 1})` })));
  const all = [...scenario.faults.map((f) => ({ f, at: '' })), ...later];
  const kinds = [...new Set(all.map(({ f }) => f.kind))].map((k) => getKind(k)).filter((k) => k !== undefined);
  const applied = entries.flatMap((e) => e.faults.map((f) => `${f.kind} at ${e.method} ${e.path}: ${f.effect}`));
  const injected =
    all.length === 0
      ? ['nothing: this is a positive control, the provider behaved correctly']
      : [
          ...all.map(({ f, at }) => `${f.kind}${Object.keys(f.params).length ? ` ${JSON.stringify(f.params)}` : ''}${Object.keys(f.when).length ? ` when ${JSON.stringify(f.when)}` : ''}${at}`),
          ...(applied.length > 0 ? applied : ['(the fault never applied: the app made no request it matched)']),
        ];
  const { decision } = input;
  const unapplied = decision.verdict === 'skipped' ? decision.unapplied : undefined;
  const observed = [
    ...(unapplied ? [`no fault applied: the provider recorded no application of ${unapplied.map((f) => f.kind).join(', ')} in this scenario`] : []),
    ...input.browser,
    ...checks.map((c) => c.observed),
    ...(entries.length > 0 ? [`provider saw ${entries.length} request(s): ${entries.map(describeEntry).join(' · ')}`] : ['the provider saw no request']),
  ];
  const why =
    kinds.length > 0
      ? kinds.map((k) => k.why).join(' ')
      : 'A correct app must still sign users in when the provider behaves correctly; an app that refuses everything would otherwise pass every attack scenario.';
  const fix =
    kinds.length > 0
      ? kinds.map((k) => k.fix).join(' ')
      : 'Compare the app against the provider’s discovery document and the journal above: the request that failed shows which step of the flow the app got wrong.';
  const expected = checks.map((c) => (c.severity && c.severity !== scenario.severity ? `${c.expected} (${c.severity.toUpperCase()})` : c.expected));
  if (decision.verdict === 'skipped') {
    const { reason, fix: what } = likelyReason(decision.unapplied, Boolean(scenario.freshApp), entries);
    return {
      summary: `Skipped: the faults never applied (${decision.unapplied.map(describeUnapplied).join('; ')}). ${reason}`,
      category: scenario.category,
      injected,
      observed: [...observed, `had the checks been judged on this, the verdict would have been ${decision.judged}; it is not, because the provider behaved throughout`],
      expected,
      why: `A scenario whose faults never acted ran against a provider that behaved, so its verdict would say nothing about how the app handles the fault: a fail would blame the app for something else, a pass would be vacuous. ${why}`,
      fix: what,
      references: [...new Set([...scenario.references, ...kinds.flatMap((k) => k.references)])],
    };
  }
  return {
    summary: summaryLine(input, failed),
    category: scenario.category,
    injected,
    observed,
    expected,
    why,
    fix,
    references: [...new Set([...scenario.references, ...kinds.flatMap((k) => k.references)])],
  };
}

const RANK: Record<Severity, number> = { must: 0, should: 1, may: 2 };

function summaryLine(input: DiagnosisInput, failed: Check[]): string {
  if (input.decision.verdict === 'error') return couldNotBeJudged(input.decision.reason);
  if (failed.length === 0) return `Handled: ${input.checks.map((c) => c.expected).join('; ')}.`;
  // The strictest broken rule leads: it is the one that decided the verdict.
  const severity = (c: Check) => c.severity ?? input.scenario.severity;
  const first = [...failed].sort((a, b) => RANK[severity(a)] - RANK[severity(b)])[0]!;
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more unmet expectation${failed.length > 2 ? 's' : ''})` : '';
  return `Expected ${first.expected}, but ${first.observed}${more}.`;
}
