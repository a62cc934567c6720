import type { z } from 'zod';
import { tableEntry } from '../../scenario/single-key.js';
import type { AppEvidence } from '../evidence.js';
import type { ExpectationDefinition, ExpectationsOf } from '../expectation.js';
import { appExpectation } from './app.js';
import { cookieExpectation } from './cookie.js';
import { errorShownExpectation } from './error-shown.js';
import { noCrashExpectation } from './no-crash.js';
import { notTextExpectation } from './not-text.js';
import { recoversWithinExpectation } from './recovers-within.js';
import { statusExpectation } from './status.js';
import { textExpectation } from './text.js';
import { urlExpectation } from './url.js';

/**
 * What the browser must show, written as keys of `expect:` beside `idp:`, one file each: a short
 * form (`status: 401`) and a mapping form that may carry `severity:` and `spec:`. In the order
 * expectations are judged and reported.
 */
export const APP_EXPECTATIONS = {
  app: appExpectation,
  'error-shown': errorShownExpectation,
  'no-crash': noCrashExpectation,
  status: statusExpectation,
  text: textExpectation,
  'not-text': notTextExpectation,
  url: urlExpectation,
  cookie: cookieExpectation,
  'recovers-within': recoversWithinExpectation,
} as const;

/** An app expectation as the judge gets it. */
export type AppExpectation = ExpectationsOf<typeof APP_EXPECTATIONS>;
export type AppExpectationType = keyof typeof APP_EXPECTATIONS;

export type AnyAppExpectation = ExpectationDefinition<z.ZodType, unknown, object, AppEvidence>;

/** The definition of an app expectation's key (it came from the table, so it has one). */
export function appExpectationDefinition(exp: { type: string }): AnyAppExpectation {
  return tableEntry(APP_EXPECTATIONS, exp, 'expectation');
}
