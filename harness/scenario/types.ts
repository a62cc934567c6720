import type { Category } from '../../mock-provider/common.js';
import type { DriverName } from './driver-name.js';
import type { ScenarioFault } from './scenario-fault.js';

/**
 * What a scenario may presuppose of the app, read from the journal: it sends `state` or `nonce` in
 * its authorization requests, asks for `openid`, was issued a refresh token, calls UserInfo. A
 * scenario that requires what the app does not do is skipped, saying so.
 */
export const CAPABILITIES = ['state', 'nonce', 'openid', 'refresh-token', 'userinfo', 'jwks'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Where something is written: the file relative to the working directory, 1-based line and column. */
export interface Loc {
  file: string;
  line: number;
  column: number;
}

export type Severity = 'must' | 'should' | 'may';

/** How a step finds an element: role (+ accessible name), name alone (a button or link), text, or CSS. */
export interface ClickTarget {
  role?: string;
  name?: string;
  text?: string;
  selector?: string;
}

/**
 * One thing the person does, in order. Each step type is one file of harness/steps, which adds
 * its own fields (the `Step` union there); the scenario model knows only what every step has.
 */
export interface StepModel {
  /** The step's key in the scenario file: `login`, `wait-for`, … */
  type: string;
  /** For people: `login as alice`, `visit profile`; Playwright shows it as the test step. */
  title: string;
  loc: Loc;
}

/**
 * A rule the judge checks when the steps are done. Each kind is one file of harness/verdict/app
 * (the browser's view, keys of `expect:`) or harness/verdict/idp (the provider's journal, items
 * of `expect: idp:`), which adds its own fields; the scenario model knows only what every
 * expectation has. The mapping forms may set `severity:` (without one the scenario's applies)
 * and `spec:`.
 */
export interface ExpectationModel {
  type: string;
  severity?: Severity;
  /** The sentence the rule enforces: a key of the scenario's `spec`. */
  spec?: string;
  loc: Loc;
}

/** A sentence of a specification, quoted: what a rule enforces, and so how strong it is. */
export interface SpecQuote {
  /** Where it stands: "OIDC Core §3.1.2.7". */
  source: string;
  /** The sentence as the spec has it, BCP 14 keywords in capitals. */
  quote: string;
}

/** A scenario file after loading: validated, defaults applied, every part positioned. */
export interface Scenario {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  references: string[];
  /** The sentences the rules enforce, by name (expectations refer to them with `spec:`). */
  spec: Record<string, SpecQuote>;
  /** What the app must do for the scenario to say anything about it; absent: nothing. */
  requires?: Capability[];
  description?: string;
  /** Why the behaviour matters, for the diagnosis; without it the faults' own why is shown. */
  why?: string;
  /** The user agent the scenario asks for; absent: the run's (--driver), else the browser. */
  driver?: DriverName;
  /** `fresh-app: true`: the runner restarts the app before this scenario and before the next one. */
  freshApp?: true;
  faults: ScenarioFault[];
  steps: StepModel[];
  expect: {
    /** The browser's view, in the order written. */
    app: ExpectationModel[];
    /** The provider's view. */
    idp: ExpectationModel[];
  };
  /** Relative to the working directory, with forward slashes. */
  file: string;
  /** Where the scenario's mapping starts. */
  loc: Loc;
}
