import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultView, JournalEntry } from '../../mock-provider/common.js';
import type { Check } from './check.js';

/**
 * recovers-within — once the faults have ended, the user is signed in within `ms`.
 *
 * The recovery point is when the provider started behaving again:
 * - every fault still in force when the steps end must be spent: `when.times` applications
 *   made, or the `when.nth` matching request gone by (a fault that can still apply has not ended);
 * - it is then the later of the last set-faults/clear-faults step and the end of the last
 *   request a fault changed (the start of the scenario when no fault ever applied).
 *
 * Recovery is the first moment after that point the user is seen signed in: after a step (the
 * page showed the target config's signed-in sign), or else by the harness itself signing in
 * again, as a person would, until it works or `ms` has passed.
 */

export type RecoveryPoint = { at: number; how: string } | { never: string };

export interface RecoveryInput {
  /** When the scenario started (epoch ms). */
  startedAt: number;
  /** When each set-faults / clear-faults step changed the faults. */
  faultChanges: readonly { at: number }[];
  /** The faults in force when the steps ended, with their counters. */
  inForce: readonly FaultView[];
  entries: readonly JournalEntry[];
  now: number;
}

export function recoveryPoint(input: RecoveryInput): RecoveryPoint {
  const live = input.inForce.filter((f) => !spent(f));
  if (live.length > 0) return { never: `the faults never ended: ${live.map(describeLive).join('; ')}` };
  const changed = input.faultChanges.at(-1)?.at;
  const faulted = input.entries.filter((e) => e.faults.length > 0);
  const ends = faulted.map((e) => ({ e, end: e.status === 0 && !e.outcome ? input.now : Date.parse(e.time) + e.durationMs }));
  const last = ends.sort((a, b) => a.end - b.end).at(-1);
  if (last && last.end >= (changed ?? 0)) return { at: Math.max(input.startedAt, last.end), how: `the last request a fault changed (${last.e.method} ${last.e.path}) ended` };
  if (changed !== undefined) return { at: changed, how: 'the faults were changed by a step' };
  return { at: input.startedAt, how: 'no fault applied: from the start of the scenario' };
}

/** A fault that can no longer apply. */
function spent(f: FaultView): boolean {
  if (f.when.nth !== undefined) return f.matched >= f.when.nth;
  return f.when.times !== undefined && f.applied >= f.when.times;
}

function describeLive(f: FaultView): string {
  if (f.when.nth !== undefined) return `${f.kind} waits for matching request ${f.when.nth} (${f.matched} so far)`;
  if (f.when.times !== undefined) return `${f.kind} applied ${f.applied} of ${f.when.times} time(s)`;
  return `${f.kind} has no end`;
}

export interface SignInState {
  signedIn: boolean;
  how: string;
}

export interface ProbeResult {
  /** When the user was seen signed in (epoch ms); absent if never. */
  at?: number;
  /** Sign-ins the harness tried. */
  attempts: number;
  how: string;
}

/**
 * The harness's own retries: from what the judge saw when the steps ended (`now`, taken after
 * the recovery point), sign in again, pausing between tries, until signed in or `until` (epoch
 * ms) has passed. At least one sign-in is tried, so a window the steps already used up still
 * yields a measurement.
 */
export async function probeRecovery(opts: { until: number; now: SignInState & { at: number }; signIn(): Promise<SignInState>; pauseMs?: number }): Promise<ProbeResult> {
  if (opts.now.signedIn) return { at: opts.now.at, attempts: 0, how: opts.now.how };
  let attempts = 0;
  let state: SignInState = opts.now;
  do {
    if (attempts > 0) await sleep(opts.pauseMs ?? 250);
    attempts++;
    state = await opts.signIn();
    if (state.signedIn) return { at: Date.now(), attempts, how: state.how };
  } while (Date.now() < opts.until);
  return { attempts, how: state.how };
}

/** The verdict from the recovery point and the first moment the user was seen signed in after it. */
export function recoveryCheck(ms: number, point: RecoveryPoint, recovered: { at?: number; how: string; attempts?: number } | undefined): Check {
  const expected = `once the faults end, the user is signed in within ${ms} ms`;
  if ('never' in point) return { ok: false, expected, observed: point.never };
  const tries = recovered?.attempts ? ` (the harness signed in ${recovered.attempts} time${recovered.attempts === 1 ? '' : 's'})` : '';
  if (recovered?.at === undefined) {
    return { ok: false, expected, observed: `not signed in ${ms} ms after ${point.how}${tries}: ${recovered?.how ?? 'no sign of a signed-in user'}` };
  }
  const took = Math.max(0, Math.round(recovered.at - point.at));
  return {
    ok: took <= ms,
    expected,
    observed: `signed in ${took} ms after ${point.how}${tries}: ${recovered.how}`,
  };
}
