import type { JournalEntry } from '../../mock-provider/common.js';
import type { Budgets, ErrorRule } from '../config/types.js';
import type { Observations } from '../drivers/observations.js';
import type { Check } from './check.js';
import type { PageSnapshot } from './page-snapshot.js';

/** Whether the user is signed in (the target config's rule), and whether the app's process ended. */
export interface AppState {
  signedIn: boolean;
  how: string;
  /** The app's process ended during the scenario. */
  crashed?: string;
}

/** What the browser-side expectations are judged on, gathered by the runner. */
export interface AppEvidence {
  /** The page as the last step left it. */
  page: PageSnapshot;
  state: AppState;
  obs: Pick<Observations, 'appResponses' | 'navigationFailures'>;
  appOrigin: string;
  errorRule?: ErrorRule;
  /** The target config's wording: a scenario's expected text → the app's words for it. */
  wording?: Readonly<Record<string, string>>;
  /** recovers-within is judged by the runner, which may sign in again; its check comes in here. */
  recovery?: Check;
}

/** The app's page loads as the user agent timed them while the steps ran. */
export interface PageLoads {
  answered: readonly { url: string; status: number; ms: number }[];
  /** Loads that got no answer: failed (with the error) or still waiting when the steps ended. */
  unanswered: readonly { url: string; ms: number; error?: string }[];
}

/** What the journal expectations are judged on: the scenario's entries, and what some of them need besides. */
export interface JournalEvidence {
  entries: readonly JournalEntry[];
  /** The journal's last id when each step began (from_step). */
  stepMarks?: readonly number[];
  /** The app's page loads as the user agent timed them (gave-up-within). */
  loads?: PageLoads;
  /** The target config's time budgets (gave-up-within: page). */
  budgets?: Budgets;
}
