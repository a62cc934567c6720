import { z } from 'zod';
import { rule, withRule } from '../../scenario/severity.js';
import type { Observations } from '../../drivers/observations.js';
import type { Check } from '../check.js';
import type { AppState } from '../evidence.js';
import { defineAppExpectation } from '../expectation.js';
import { isCrashStatus } from './no-crash.js';

const APP_STATES = ['signed-in', 'refused'] as const;
const appState = z.enum(APP_STATES);

/**
 * app — how the scenario ends for the person.
 *
 * - signed-in: the user is signed in (the target config's signed-in rule), and the app's process
 *   still runs.
 * - refused: the user is not signed in, and the app answered without a crash status (a 500; 502–504
 *   report an upstream failure) and did not crash.
 */
export const appExpectation = defineAppExpectation({
  // Mapping forms come first in each union: given a mapping, the mapping's issues are the ones reported.
  args: z
    .union([z.strictObject({ is: appState, ...rule }), appState])
    .describe('signed-in: the user ends up signed in. refused: the app did not sign the user in and answered without a 5xx or crash.'),
  model: (a) => (typeof a === 'string' ? { state: a } : { state: a.is, ...withRule(a) }),
  judge: (exp, e) => appCheck(exp.state, e.state, e.obs),
});

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
