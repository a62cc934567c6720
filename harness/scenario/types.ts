import type { Category, FaultSpec, InjectionPoint } from '../../mock-provider/index.js';

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

interface StepBase {
  loc: Loc;
  /** For people: `login as alice`, `visit profile`; Playwright shows it as the test step. */
  title: string;
}

/** One thing the person does in the browser, in order. */
export type Step =
  | (StepBase & { type: 'login'; /** Absent: the target config's first user. */ user?: string })
  | (StepBase & { type: 'goto'; /** An absolute URL, or a path relative to the app. */ url: string })
  | (StepBase & { type: 'visit'; /** A page named in the target config's `pages`. */ page: string })
  | (StepBase & { type: 'click'; target: ClickTarget })
  | (StepBase & { type: 'fill'; label: string; value: string })
  | (StepBase & {
      type: 'expect';
      text?: string;
      /** A substring of the URL, or `/regex/flags`. */
      url?: string;
    });

export type StepType = Step['type'];

/** What the provider's journal must show about the app's back-channel behaviour. */
export type IdpExpectation =
  | { type: 'no-request'; endpoint: InjectionPoint; loc: Loc }
  | { type: 'count'; endpoint: InjectionPoint; grant_type?: string; /** A mock API route pattern. */ route?: string; status?: number; min?: number; max?: number; loc: Loc }
  | { type: 'retry-after-honored'; /** Absent: every endpoint. */ endpoint?: InjectionPoint; loc: Loc }
  /** No request went over a connection that met a bad certificate (tls.* faults). */
  | { type: 'tls-refused'; loc: Loc }
  /** No two refresh_token grants within windowMs of each other (no refresh stampede). */
  | { type: 'single-flight-refresh'; windowMs: number; loc: Loc };

export type IdpExpectationType = IdpExpectation['type'];

/** A scenario file after loading: validated, defaults applied, every part positioned. */
export interface Scenario {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  references: string[];
  description?: string;
  faults: FaultSpec[];
  steps: Step[];
  expect: {
    app?: 'signed-in' | 'refused';
    idp: IdpExpectation[];
  };
  /** Relative to the working directory, with forward slashes. */
  file: string;
  /** Where the scenario's mapping starts. */
  loc: Loc;
}
