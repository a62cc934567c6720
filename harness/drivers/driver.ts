import type { Step } from '../scenario/types.js';
import type { StepContext } from '../steps/context.js';
import type { DriverName } from './names.js';

export type { DriverName } from './names.js';

/**
 * What the judge reads of the person's user agent, whichever one it is: where it is, what the
 * page says, which cookies it holds, and opening a page (the home page, to look for the
 * signed-in sign).
 */
export interface PageView {
  url(): string;
  /** The page's visible text; '' when there is none to read. */
  text(): Promise<string>;
  /** Names of the cookies the user agent holds for `url`. */
  cookieNames(url: string): Promise<string[]>;
  /** Open `url` as a person typing it; false when the load failed or timed out. */
  open(url: string, timeoutMs: number): Promise<boolean>;
}

/** A scenario's user agent: the steps run in it, the judge reads it. */
export interface Driver extends PageView {
  readonly name: DriverName;
  /** Run one step, as the step table of this driver does it. */
  run(step: Step): Promise<void>;
  /** A whole login as the default user (recovers-within signs in again as a person would). */
  login(): Promise<void>;
  /** Give back what the scenario held (the http driver's cookie jar and connections). */
  close(): Promise<void>;
}

/** Everything a step may use but the user agent itself: what the runner gives every driver. */
export type BaseStepContext = Omit<StepContext, 'page' | 'watch'>;

/** The runner builds the base context (observations, journal mark, faults); the driver adds its user agent. */
export type DriverFactory = (base: BaseStepContext) => Promise<Driver>;
