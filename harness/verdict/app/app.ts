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
 * - refused: the user is not signed in — whatever the status of the page that says so. An app
 *   that refuses with its generic 500 page has still refused; answering a provider failure with an
 *   error page rather than an unhandled 500 is its own rule (the judge adds it, at `should`), and a
 *   process that ended is a crash, not a refusal.
 */
export const appExpectation = defineAppExpectation({
  // Mapping forms come first in each union: given a mapping, the mapping's issues are the ones reported.
  args: z
    .union([z.strictObject({ is: appState, ...rule }), appState])
    .describe('signed-in: the user ends up signed in. refused: the app did not sign the user in (whatever the page\'s status).'),
  model: (a) => (typeof a === 'string' ? { state: a } : { state: a.is, ...withRule(a) }),
  judge: (exp, e) => appCheck(exp.state, e.state, e.obs),
});

export function appCheck(expected: 'signed-in' | 'refused', state: AppState, obs: Pick<Observations, 'appResponses'>): Check {
  if (expected === 'signed-in') {
    return { ok: state.signedIn && !state.crashed, expected: 'the user is signed in', observed: state.crashed ?? (state.signedIn ? `signed in: ${state.how}` : `not signed in: ${state.how}`) };
  }
  const problems = [...(state.signedIn ? [`the user was signed in (${state.how})`] : []), ...(state.crashed ? [state.crashed] : [])];
  return {
    ok: problems.length === 0,
    expected: 'the app refuses: the user is not signed in',
    observed: problems.length > 0 ? problems.join('; ') : `refused: ${state.how}${lastStatus(obs)}`,
  };
}

/**
 * The rule every refusal carries besides: an app that refuses with an unhandled 500 has refused,
 * but leaves the person with a server error instead of a page that says what happened.
 */
export function errorPageCheck(obs: Pick<Observations, 'appResponses'>): Check {
  const crashes = obs.appResponses.filter((r) => isCrashStatus(r.status));
  return {
    ok: crashes.length === 0,
    severity: 'should',
    expected: 'the app answers the failure with an error page, not an unhandled 500',
    observed:
      crashes.length > 0
        ? `${crashes
            .slice(0, 3)
            .map((r) => `the app answered ${r.status} at ${r.url}`)
            .join('; ')}: a 500 says the app itself broke (502–504 would say the provider did, RFC 9110 §15.6)`
        : `no page answered 500${lastStatus(obs)}`,
  };
}

function lastStatus(obs: Pick<Observations, 'appResponses'>): string {
  const last = obs.appResponses.at(-1);
  return last ? `; the app answered ${last.status} at ${last.url}` : '';
}
