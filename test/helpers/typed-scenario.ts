import type { Scenario } from '../../harness/scenario/types.js';
import type { Step } from '../../harness/steps/index.js';
import type { AppExpectation } from '../../harness/verdict/app/index.js';
import type { IdpExpectation } from '../../harness/verdict/idp/index.js';

/** A scenario written by hand in a test, each step and expectation typed by its own definition. */
export type TypedScenario = Omit<Scenario, 'steps' | 'expect'> & { steps: Step[]; expect: { app: AppExpectation[]; idp: IdpExpectation[] } };
