import type { JournalEntry } from '../../mock-provider/index.js';
import type { Verdict } from '../../reports/index.js';
import type { Scenario } from '../scenario/types.js';
import type { Observations } from '../steps/context.js';
import type { Check } from './check.js';
import { count, noRequest, retryAfterHonored, singleFlightRefresh, tlsRefused } from './journal-checks.js';

export interface AppState {
  signedIn: boolean;
  how: string;
  /** The app's process ended during the scenario. */
  crashed?: string;
}

/** The app-level expectation: signed in, or refused (not signed in, no 5xx, no crash). */
export function appCheck(expected: 'signed-in' | 'refused', state: AppState, obs: Observations): Check {
  const serverErrors = obs.appResponses.filter((r) => r.status >= 500);
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
    expected: 'the app refuses: the user is not signed in and the app answers without a 5xx or crash',
    observed: problems.length > 0 ? problems.join('; ') : `refused: ${state.how}${lastStatus(obs)}`,
  };
}

function lastStatus(obs: Observations): string {
  const last = obs.appResponses.at(-1);
  return last ? `; the app answered ${last.status} at ${last.url}` : '';
}

/** Every journal expectation of the scenario, judged on the entries of this scenario only. */
export function journalChecks(scenario: Scenario, entries: readonly JournalEntry[]): Check[] {
  return scenario.expect.idp.map((exp) => {
    switch (exp.type) {
      case 'no-request':
        return noRequest(exp.endpoint, entries);
      case 'count':
        return count(exp, entries);
      case 'retry-after-honored':
        return retryAfterHonored(exp.endpoint, entries);
      case 'tls-refused':
        return tlsRefused(entries);
      case 'single-flight-refresh':
        return singleFlightRefresh(exp.windowMs, entries);
    }
  });
}

/** A broken `must` fails; a broken `should` or `may` warns (the spec's own words decide). */
export function verdictOf(checks: readonly Check[], severity: Scenario['severity']): Verdict {
  if (checks.every((c) => c.ok)) return 'pass';
  return severity === 'must' ? 'fail' : 'warn';
}
