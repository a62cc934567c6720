import { z } from 'zod';
import { GRANT_TYPES, matchesRoute, ROUTE_PATTERN, ROUTE_PATTERN_HINT, type JournalEntry } from '../../../mock-provider/common.js';
import { journalEndpoint as endpoint } from '../../scenario/endpoints.js';
import { rule, withRule } from '../../scenario/severity.js';
import { grantTypeOnlyAtToken, oneOf } from '../../util/one-of.js';
import type { Check } from '../check.js';
import { defineIdpExpectation } from '../expectation.js';
import { endpointWords } from '../journal-words.js';
import { fromStep, fromStepArgs } from './from-step.js';

/**
 * count — the number of requests to an endpoint (of one grant_type, mock API route or status)
 * lies between min and max (or from step from_step on).
 */
export const countExpectation = defineIdpExpectation({
  args: z
    .strictObject({
      endpoint: endpoint.describe('The endpoint whose requests are counted.'),
      grant_type: z.enum(GRANT_TYPES).optional().describe('Count only token requests with this grant_type.'),
      route: z.string().regex(ROUTE_PATTERN, ROUTE_PATTERN_HINT).optional().describe('Count only calls of this mock API route, e.g. "GET /api/orders".'),
      status: z.int().min(100).max(599).optional().describe('Count only requests answered with this HTTP status.'),
      min: z.int().min(0).optional().describe('At least this many requests.'),
      max: z.int().min(0).optional().describe('At most this many requests.'),
      from_step: fromStepArgs,
      ...rule,
    })
    .superRefine((c, ctx) => {
      oneOf<typeof c>(['min', 'max'], { missing: 'count needs min, max or both' })(c, ctx);
      if (c.min !== undefined && c.max !== undefined && c.min > c.max) {
        ctx.addIssue({ code: 'custom', path: ['min'], message: `min (${c.min}) is greater than max (${c.max}); no count can satisfy both`, params: { code: 'OUT_OF_RANGE' } });
      }
      grantTypeOnlyAtToken(c, ctx);
      if (c.route !== undefined && c.endpoint !== 'api') {
        ctx.addIssue({ code: 'custom', path: ['route'], message: `route only applies to the mock API (endpoint: api), not ${c.endpoint}`, params: { code: 'CONFLICTING_KEYS' } });
      }
    })
    .describe('The number of requests to an endpoint (of one grant_type, API route or status) lies between min and max.'),
  model: ({ from_step, severity, spec, ...c }) => ({ ...c, ...(from_step !== undefined ? { fromStep: from_step } : {}), ...withRule({ severity, spec }) }),
  judge: (exp, e) => fromStep(exp.fromStep, e, (later) => count(exp, later)),
  fromStep: (exp) => exp.fromStep,
});

export function count(exp: { endpoint: string; grant_type?: string; route?: string; status?: number; min?: number; max?: number }, entries: readonly JournalEntry[]): Check {
  const hits = entries.filter(
    (e) =>
      e.endpoint === exp.endpoint &&
      (!exp.grant_type || e.grantType === exp.grant_type) &&
      (!exp.route || matchesRoute(exp.route, e.method, e.path)) &&
      (exp.status === undefined || e.status === exp.status),
  );
  const what = `request(s) to the ${endpointWords(exp.endpoint)}${exp.grant_type ? ` with grant_type=${exp.grant_type}` : ''}${exp.route ? ` ${exp.route}` : ''}${exp.status !== undefined ? ` answered ${exp.status}` : ''}`;
  const range =
    exp.min !== undefined && exp.max !== undefined ? `${exp.min}–${exp.max}` : exp.min !== undefined ? `at least ${exp.min}` : `at most ${exp.max ?? 0}`;
  const ok = (exp.min === undefined || hits.length >= exp.min) && (exp.max === undefined || hits.length <= exp.max);
  return { ok, expected: `${range} ${what}`, observed: `${hits.length} ${what}` };
}
