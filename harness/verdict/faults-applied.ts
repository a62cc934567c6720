import { getKind, pointsOf, type FaultSpec, type FaultView, type InjectionPoint, type JournalEntry } from '../../mock-provider/common.js';
import type { ScenarioFault } from '../scenario/scenario-fault.js';
import { stepDefinition } from '../steps/index.js';

/**
 * Did any of the scenario's faults act on the app? A scenario whose faults never applied judged
 * the app on a provider that behaved, so its verdict would say nothing about the fault: a `fail`
 * charged to the wrong cause, or a vacuous `pass`. The provider records an application in three
 * places, and any one of them counts:
 *
 * - the fault's own counter (`applied` of each fault set at the start or by set-faults, read from
 *   the store, which also counts what leaves no request behind: a granted scope narrowed, a TLS
 *   certificate presented to a new connection);
 * - the journal entry of the request it changed (`faults` of the entry: request, response,
 *   authorization-response and mock API faults);
 * - a back-channel TLS connection that met a certificate other than the run CA's valid one
 *   (tls.* kinds journal the connection, not a fault).
 *
 * A scenario without faults is a positive control: there is nothing to apply, and this says so.
 * Faults that only set the stage (`stage`, their ids) do not count: their acting says nothing
 * about whether the situation under test arose.
 */
export function anyFaultApplied(faults: readonly FaultView[], entries: readonly JournalEntry[], stage: ReadonlySet<string> = new Set()): boolean {
  if (faults.some((f) => f.applied > 0 && !stage.has(f.id))) return true;
  return entries.some((e) => e.faults.some((f) => !stage.has(f.id)) || badCertificateMet(e));
}

/** The provider labels the certificate it presented; only the run CA's own starts with "valid". */
function badCertificateMet(e: JournalEntry): boolean {
  return e.tls?.listener === 'back' && !e.tls.certificate.startsWith('valid');
}

/** A fault the scenario set, where it would have acted, and which step set it (absent: before the first). */
export interface UnappliedFault {
  kind: string;
  points: readonly InjectionPoint[];
  route?: string;
  step?: number;
  /** The fault's `when:` holds conditions beyond where it acts (client, nth, times, probability, after_ms). */
  conditional?: true;
}

/** Every fault under test the scenario sets (at the start, then each set-faults step's), with where it acts; not those that set the stage. */
export function faultsOf(scenario: { faults: readonly ScenarioFault[]; steps: readonly { type: string }[] }): UnappliedFault[] {
  const at = (f: FaultSpec, step?: number): UnappliedFault => ({
    kind: f.kind,
    points: pointsOf(f.when, getKind(f.kind)?.defaultPoints ?? []),
    ...(f.when.route !== undefined ? { route: f.when.route } : {}),
    ...(step !== undefined ? { step } : {}),
    ...(Object.keys(f.when).some((k) => k !== 'endpoint' && k !== 'route') ? { conditional: true as const } : {}),
  });
  const underTest = (f: ScenarioFault) => !f.stage;
  return [
    ...scenario.faults.filter(underTest).map((f) => at(f)),
    ...scenario.steps.flatMap((s, i) => (stepDefinition(s).faults?.(s) ?? []).filter(underTest).map((f) => at(f, i + 1))),
  ];
}

/** Points a cached answer can hide: an app that fetched them in an earlier scenario may never ask again. */
const CACHED_POINTS: readonly InjectionPoint[] = ['discovery', 'jwks'];

/** `discovery.issuer-mismatch at discovery`, `rate-limit at api (GET /api/orders), set by step 3`. */
export function describeUnapplied(fault: UnappliedFault): string {
  const where = fault.points.includes('transport') ? 'transport (each new back-channel TLS connection)' : fault.points.join(', ');
  return `${fault.kind} at ${where}${fault.route ? ` (${fault.route})` : ''}${fault.step !== undefined ? `, set by step ${fault.step}` : ''}`;
}

/**
 * Why the faults most likely never met a request, and what to do, from where they act, which of
 * those endpoints the app called and when (the journal, and the journal's mark at each step: a
 * fault set by a step meets only what came after), whether a fault had conditions, and whether the
 * app was freshly started for the scenario.
 */
export function likelyReason(faults: readonly UnappliedFault[], freshApp: boolean, entries: readonly JournalEntry[], stepMarks: readonly number[] = []): { reason: string; fix: string } {
  const name = (p: InjectionPoint) => (p === 'transport' ? 'the provider over a new back-channel TLS connection' : `the ${p} endpoint`);
  const never = new Set<InjectionPoint>();
  const before: string[] = [];
  const unmatched: string[] = [];
  for (const fault of faults) {
    for (const point of fault.points) {
      const calls = entries.filter((e) => e.endpoint === point);
      const mark = fault.step !== undefined ? stepMarks[fault.step - 1] : undefined;
      if (calls.length === 0) never.add(point);
      else if (mark !== undefined && calls.every((e) => e.id <= mark)) before.push(`it called ${name(point)} only before step ${fault.step} set ${fault.kind}`);
      else unmatched.push(fault.conditional ? `its requests to ${name(point)} did not meet the conditions of ${fault.kind} (when:)` : `${fault.kind} found nothing to change in its requests to ${name(point)}`);
    }
  }
  const what = [...(never.size > 0 ? [`it never called ${[...never].map(name).join(' or ')} during this scenario`] : []), ...new Set(before), ...new Set(unmatched)].join('; ');
  const lead = `The app made no request the faults under test acted on: ${what}.`;
  const cached = CACHED_POINTS.filter((p) => never.has(p));
  if (cached.length > 0 && !freshApp) {
    return {
      reason: `${lead} An app that fetched ${cached.join(' and ')} in an earlier scenario may keep ${cached.length > 1 ? 'them' : 'it'} cached and never ask again.`,
      fix: 'Add `fresh-app: true` to the scenario: the runner then restarts the app before it, so the scenario meets empty caches (see docs/scenarios.md).',
    };
  }
  if (cached.length > 0) {
    return {
      reason: `${lead} The app was started afresh for this scenario, so it may fetch ${cached.join(' and ')} at start-up, before the scenario's faults are set, or not use ${cached.length > 1 ? 'them' : 'it'} at all.`,
      fix: 'Nothing to fix in the app on this evidence. If the app fetches metadata at start-up, this scenario cannot reach it; if the flow stopped before that request, the positive controls (happy-path) say why.',
    };
  }
  if (never.size === 0 && before.length > 0 && unmatched.length === 0) {
    return {
      reason: `${lead} The app does what the scenario tests earlier than the scenario looks for it (while signing in, say), so the situation the scenario sets up never arose.`,
      fix: 'Nothing to fix in the app on this evidence: the scenario is about a later moment than the app uses the endpoint.',
    };
  }
  const check = "Check that the scenario's steps reach the endpoint with this app (the positive controls, such as happy-path, show whether a plain flow works)";
  return {
    reason: `${lead} The flow may have stopped before reaching ${never.size > 1 ? 'those endpoints' : 'it'}, or the app does not use ${never.size > 1 ? 'them' : 'it'}${freshApp ? '' : ', or answered from what it kept from an earlier scenario'}.`,
    fix: freshApp ? `${check}.` : `${check}; if the app keeps what the endpoint answers, add \`fresh-app: true\` to the scenario.`,
  };
}
