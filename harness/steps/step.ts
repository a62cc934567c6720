import type { z } from 'zod';
import type { MockProviderHandle } from '../../mock-provider/common.js';
import type { TargetClicks } from '../config/target-clicks.js';
import type { LoginRule, LogoutRule } from '../config/types.js';
import type { BrowserAgent } from '../drivers/browser/browser-agent.js';
import type { HttpAgent } from '../drivers/http/agent.js';
import type { Observations } from '../drivers/observations.js';
import type { ScenarioFault } from '../scenario/scenario-fault.js';
import type { Decoded } from '../scenario/single-key.js';
import type { Path } from '../util/issues.js';

/** Everything a step may use besides the user agent: what the runner gives each scenario. */
export interface ScenarioContext {
  idp: MockProviderHandle;
  /** Where the user agent meets the provider: its front channel with HTTPS, else its origin. */
  idpOrigin: string;
  /** The app's base URL, e.g. http://127.0.0.1:41000 */
  appUrl: string;
  /** Resolve a URL template from the target config ({app}, {issuer}, …) or a path relative to the app. */
  url(template: string): string;
  /** Named pages from the target config, resolved. */
  pages: Record<string, string>;
  login: LoginRule;
  logout: LogoutRule;
  defaultUser: string;
  obs: Observations;
  /** The journal's last id before the scenario began: the scenario's entries come after it. */
  journalSince: number;
  /** Navigation and expectation timeout for one step, ms. */
  timeoutMs: number;
}

/** What a step runs with in one driver: the scenario's context and that driver's user agent. */
export type StepContext<A> = ScenarioContext & { agent: A };

/**
 * One step type, all in one place: what may follow its key in a scenario file, the model the
 * runner gets from it and its title, what it needs and does to the scenario, and how it runs in
 * each driver. `harness/steps/index.ts` lists them; nothing else knows a step type by name.
 */
export interface StepDefinition<S extends z.ZodType = z.ZodType, A = z.output<S>, M extends object = object> {
  /** What may follow the key; its description is the editor's hover text. */
  args: S;
  /** Decodes what follows the key instead of `args` (which then serves editors only): `set-faults` holds faults, decoded by the provider. */
  decode?(value: unknown, path: Path): Decoded<A>;
  /** The step's own fields, from what followed its key. */
  model(args: A): M;
  /** For people: `login as alice`; Playwright shows it as the test step. */
  title(model: M): string;
  /** Why the http driver cannot run it, given how the target config signs in and out; undefined: it can. */
  needsBrowser?(model: M, clicks: TargetClicks): string | undefined;
  /** The named page it opens (`visit`, `parallel`), and where under its key the name is written: the target config must have it. */
  page?: { name(model: M): string | undefined; at: readonly string[] };
  /** How long it waits on purpose beyond a step's own timeout: added to the scenario's time limit. */
  waitsMs?(model: M): number;
  /** The faults in force from this step on (`set-faults`, `clear-faults`). */
  faults?(model: M): readonly ScenarioFault[];
  browser(step: M, ctx: StepContext<BrowserAgent>): Promise<void>;
  http(step: M, ctx: StepContext<HttpAgent>): Promise<void>;
}

/** A step definition, typed from its schema (or its decoder) and its model. */
export function defineStep<S extends z.ZodType, M extends object, A = z.output<S>>(definition: StepDefinition<S, A, M>): StepDefinition<S, A, M> {
  return definition;
}
