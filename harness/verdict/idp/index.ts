import type { z } from 'zod';
import { tableEntry } from '../../scenario/single-key.js';
import type { JournalEvidence } from '../evidence.js';
import type { ExpectationDefinition, ExpectationsOf } from '../expectation.js';
import { countExpectation } from './count.js';
import { gaveUpWithinExpectation } from './gave-up-within.js';
import { noCodeReuseExpectation } from './no-code-reuse.js';
import { noRefreshTokenReuseExpectation } from './no-refresh-token-reuse.js';
import { noRequestExpectation } from './no-request.js';
import { orderExpectation } from './order.js';
import { pkceExpectation } from './pkce.js';
import { pkceS256Expectation } from './pkce-s256.js';
import { retryAfterHonoredExpectation } from './retry-after-honored.js';
import { singleFlightRefreshExpectation } from './single-flight-refresh.js';
import { tlsRefusedExpectation } from './tls-refused.js';

/** What the provider's journal must show, written as the items of `expect: idp:`, one file each. */
export const IDP_EXPECTATIONS = {
  'no-request': noRequestExpectation,
  count: countExpectation,
  'retry-after-honored': retryAfterHonoredExpectation,
  'tls-refused': tlsRefusedExpectation,
  'single-flight-refresh': singleFlightRefreshExpectation,
  order: orderExpectation,
  pkce: pkceExpectation,
  'pkce-s256': pkceS256Expectation,
  'no-code-reuse': noCodeReuseExpectation,
  'no-refresh-token-reuse': noRefreshTokenReuseExpectation,
  'gave-up-within': gaveUpWithinExpectation,
} as const;

/** An idp expectation as the judge gets it. */
export type IdpExpectation = ExpectationsOf<typeof IDP_EXPECTATIONS>;
export type IdpExpectationType = keyof typeof IDP_EXPECTATIONS;

export type AnyIdpExpectation = ExpectationDefinition<z.ZodType, unknown, object, JournalEvidence>;

/** The definition of an idp expectation's key (it came from the table, so it has one). */
export function idpExpectationDefinition(exp: { type: string }): AnyIdpExpectation {
  return tableEntry(IDP_EXPECTATIONS, exp, 'idp expectation');
}
