import type { Category, FaultSpec, InjectionPoint } from '../../mock-provider/common.js';
import type { DriverName } from './driver-name.js';

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
 * Every expectation may name its own severity (the mapping forms' `severity:`); without one it
 * takes the scenario's.
 */
interface ExpectationBase {
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

/** One entry of an `order` expectation: a request to this endpoint (of this grant_type). */
export interface OrderItem {
  endpoint: InjectionPoint;
  grant_type?: string;
}

/** What the provider's journal must show about the app's back-channel behaviour. */
export type IdpExpectation = ExpectationBase &
  (
    | { type: 'no-request'; endpoint: InjectionPoint; /** Only requests from the start of this step (1-based) on. */ fromStep?: number }
    | {
        type: 'count';
        endpoint: InjectionPoint;
        grant_type?: string;
        /** A mock API route pattern. */ route?: string;
        status?: number;
        min?: number;
        max?: number;
        fromStep?: number;
      }
    | { type: 'retry-after-honored'; /** Absent: every endpoint. */ endpoint?: InjectionPoint }
    /** No request went over a connection that met a bad certificate (tls.* faults). */
    | { type: 'tls-refused' }
    /** No two refresh_token grants within windowMs of each other (no refresh stampede). */
    | { type: 'single-flight-refresh'; windowMs: number }
    /** These requests appear in this order (others may come between). */
    | { type: 'order'; items: OrderItem[] }
    /** Every authorization request carried code_challenge_method=S256, every code redemption a code_verifier. */
    | { type: 'pkce' }
    /** Every page load of the app was answered within ms, measured in the browser. */
    | { type: 'gave-up-within'; ms: number }
  );

export type IdpExpectationType = IdpExpectation['type'];

/** A status the last page must have: a number, or a class written "4xx". */
export type StatusPattern = number | `${1 | 2 | 3 | 4 | 5}xx`;

/**
 * What the browser must show when the steps are done. Judged on the browser as the last step left
 * it (before the harness opens any page of its own), except `app`, `no-crash` and
 * `recovers-within`, which look at the whole scenario.
 */
export type AppExpectation = ExpectationBase &
  (
    | { type: 'app'; state: 'signed-in' | 'refused' }
    /** The app shows an error: by the target config's `error:` rule, and with this text when given. */
    | { type: 'error-shown'; text?: string }
    /** No 5xx, no dropped connection, and the app's process still runs. */
    | { type: 'no-crash' }
    | { type: 'status'; oneOf: StatusPattern[] }
    | { type: 'text'; text: string }
    /** A substring of the URL, or `/regex/flags`. */
    | { type: 'url'; pattern: string }
    | { type: 'cookie'; name: string; present: boolean }
    /** Once the faults have ended, the user is signed in within ms. */
    | { type: 'recovers-within'; ms: number }
  );

export type AppExpectationType = AppExpectation['type'];

/** A scenario file after loading: validated, defaults applied, every part positioned. */
export interface Scenario {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  references: string[];
  /** The sentences the rules enforce, by name (expectations refer to them with `spec:`). */
  spec: Record<string, SpecQuote>;
  description?: string;
  /** The user agent the scenario asks for; absent: the run's (--driver), else the browser. */
  driver?: DriverName;
  /** `fresh-app: true`: the runner restarts the app before this scenario and before the next one. */
  freshApp?: true;
  faults: FaultSpec[];
  steps: StepModel[];
  expect: {
    /** The browser's view, in the order written. */
    app: AppExpectation[];
    /** The provider's view. */
    idp: IdpExpectation[];
  };
  /** Relative to the working directory, with forward slashes. */
  file: string;
  /** Where the scenario's mapping starts. */
  loc: Loc;
}
