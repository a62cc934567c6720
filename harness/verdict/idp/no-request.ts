import { z } from 'zod';
import type { JournalEntry } from '../../../mock-provider/common.js';
import { journalEndpoint as endpoint } from '../../scenario/endpoints.js';
import { rule, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineIdpExpectation } from '../expectation.js';
import { describeEntry, endpointWords } from '../journal-words.js';
import { fromStep, fromStepArgs } from './from-step.js';

/**
 * no-request — the app never called this endpoint during the scenario (or from step from_step on).
 */
export const noRequestExpectation = defineIdpExpectation({
  args: z
    .union([z.strictObject({ endpoint: endpoint.describe('The endpoint the app must not call.'), from_step: fromStepArgs, ...rule }), endpoint])
    .describe('The app never called this endpoint during the scenario (or from step from_step on).'),
  model: (a) => (typeof a === 'string' ? { endpoint: a } : { endpoint: a.endpoint, ...(a.from_step !== undefined ? { fromStep: a.from_step } : {}), ...withRule(a) }),
  judge: (exp, e) => fromStep(exp.fromStep, e, (later) => noRequest(exp.endpoint, later)),
  fromStep: (exp) => exp.fromStep,
});

export function noRequest(endpoint: string, entries: readonly JournalEntry[]): Check {
  const hits = entries.filter((e) => e.endpoint === endpoint);
  return {
    ok: hits.length === 0,
    expected: `no request to the ${endpointWords(endpoint)}`,
    observed:
      hits.length === 0
        ? `no request to the ${endpointWords(endpoint)}`
        : `${hits.length} request(s) to the ${endpointWords(endpoint)}: ${hits.map(describeEntry).join('; ')}`,
  };
}

