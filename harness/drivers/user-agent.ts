import type { DriverName } from '../scenario/driver-name.js';
import type { Observations } from './observations.js';

/**
 * The person's user agent, whichever driver provides it: what every step and the judge may use of
 * it — where it is, what the page says, which cookies it holds, opening a page. Each driver adds
 * what its own steps need (the browser its Playwright page; the http agent its requests).
 */
export interface UserAgent {
  readonly name: DriverName;
  url(): string;
  /** The page's visible text; '' when there is none to read. */
  text(): Promise<string>;
  /** Names of the cookies the user agent holds for `url`. */
  cookieNames(url: string): Promise<string[]>;
  /** Open `url` as a person typing it; false when the load failed or timed out. */
  open(url: string, timeoutMs: number): Promise<boolean>;
  /** Run a step's action in the user agent; what the page shows is read afresh after it. */
  act<T>(action: () => Promise<T>): Promise<T>;
  /** Give back what the scenario held (the http agent's cookie jar and connections). */
  close(): Promise<void>;
}

/** How long reading the page waits for a load still in progress to end, in either driver. */
export const SETTLE_BEFORE_READING_MS = 2000;

/** What a user agent records its observations against: the app, the provider's front channel, the scenario's observations. */
export interface AgentSetup {
  /** The app's base URL, e.g. http://127.0.0.1:41000 */
  appUrl: string;
  /** Where the user agent meets the provider: its front channel with HTTPS, else its origin. */
  idpOrigin: string;
  obs: Observations;
}
