import type { ProviderConfig } from '../../mock-provider/common.js';
import type { ClickTarget } from '../scenario/types.js';

/**
 * The target config after loading: validated, defaults applied, paths absolute. Plain data (it
 * travels to Playwright's workers as JSON). Templated strings keep their `{placeholders}`: they
 * are filled per worker, once the ports are known.
 */
export interface TargetConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Absolute folder of the config file; relative paths in it resolve from here. */
  dir: string;
  name: string;
  target: CommandTarget | UrlTarget;
  login: LoginRule;
  signedIn: SignedInRule;
  /** How the `logout` step signs out; default { url: '{app}/logout' }. */
  logout: LogoutRule;
  /** How to tell an error page; absent: a last page that answered 4xx or 5xx. */
  error?: ErrorRule;
  /** Page name → URL template. */
  pages: Record<string, string>;
  /** The team's time budgets, in milliseconds, defaults applied. */
  budgets: Budgets;
  /** A scenario's expected text → the words this app uses for it (text and error-shown). */
  wording: Record<string, string>;
  provider: ProviderConfig;
  /** Absolute scenario files and folders. */
  scenarios: string[];
}

export interface ReadyCheck {
  /** URL template polled until it answers 2xx or 3xx. */
  url: string;
  timeoutMs: number;
}

/** authfault starts the app, one instance per worker. */
export interface CommandTarget {
  kind: 'command';
  command: string;
  /** Absolute. */
  cwd: string;
  env: Record<string, string>;
  ready: ReadyCheck;
  startupTimeoutMs: number;
  /** How many more times a worker tries to start the app after it exits or never becomes ready. */
  startupRetries: number;
}

/** The app already runs at `url`. */
export interface UrlTarget {
  kind: 'url';
  url: string;
  ready: ReadyCheck;
  startupTimeoutMs: number;
}

/** Exactly one of the two. */
export type LoginRule = { url: string } | { click: ClickTarget };

/** Exactly one of the two. */
export type LogoutRule = { url: string } | { click: ClickTarget };

/** At least one of the three; any one that matches means an error is shown. */
export interface ErrorRule {
  text?: string;
  /** A substring of the URL, or `/regex/flags`. */
  url?: string;
  /** Statuses or classes ("4xx"). */
  status?: (number | string)[];
}

/** At least one of the three. */
export interface SignedInRule {
  text?: string;
  url?: string;
  cookie?: string;
}

export interface Budgets {
  /** How long a page may take to answer while the provider hangs (gave-up-within: page). */
  pageMs: number;
}
