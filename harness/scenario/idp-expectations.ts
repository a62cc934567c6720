import { z } from 'zod';
import { GRANT_TYPES, ROUTE_PATTERN, ROUTE_PATTERN_HINT } from '../../mock-provider/common.js';
import { SCENARIO_DEFAULTS } from './defaults.js';
import { journalEndpoint as endpoint } from './endpoints.js';
import { rule, withRule } from './severity.js';
import { entry, type ItemNoun, type SingleKeyEntry } from './single-key.js';
import type { IdpExpectation, IdpExpectationType, OrderItem } from './types.js';

type ExpectationOf<T extends IdpExpectationType> = Omit<Extract<IdpExpectation, { type: T }>, 'loc'>;

/** Checked against the scenario's steps by the decoder, which knows how many there are. */
const fromStep = z.int().min(1).optional().describe('Only requests from the start of this step on (1 is the first step): what that step and the later ones caused.');

const noRequest = z
  .union([
    z.strictObject({ endpoint: endpoint.describe('The endpoint the app must not call.'), from_step: fromStep, ...rule }),
    endpoint,
  ])
  .describe('The app never called this endpoint during the scenario (or from step from_step on).');

const count = z
  .strictObject({
    endpoint: endpoint.describe('The endpoint whose requests are counted.'),
    grant_type: z.enum(GRANT_TYPES).optional().describe('Count only token requests with this grant_type.'),
    route: z.string().regex(ROUTE_PATTERN, ROUTE_PATTERN_HINT).optional().describe('Count only calls of this mock API route, e.g. "GET /api/orders".'),
    status: z.int().min(100).max(599).optional().describe('Count only requests answered with this HTTP status.'),
    min: z.int().min(0).optional().describe('At least this many requests.'),
    max: z.int().min(0).optional().describe('At most this many requests.'),
    from_step: fromStep,
    ...rule,
  })
  .superRefine((c, ctx) => {
    if (c.min === undefined && c.max === undefined) {
      ctx.addIssue({ code: 'custom', message: 'count needs min, max or both', params: { code: 'MISSING_ONE_OF', allowed: ['min', 'max'] } });
    }
    if (c.min !== undefined && c.max !== undefined && c.min > c.max) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: `min (${c.min}) is greater than max (${c.max}); no count can satisfy both`, params: { code: 'OUT_OF_RANGE' } });
    }
    if (c.grant_type !== undefined && c.endpoint !== 'token') {
      ctx.addIssue({ code: 'custom', path: ['grant_type'], message: `grant_type only applies to the token endpoint, not ${c.endpoint}`, params: { code: 'CONFLICTING_KEYS' } });
    }
    if (c.route !== undefined && c.endpoint !== 'api') {
      ctx.addIssue({ code: 'custom', path: ['route'], message: `route only applies to the mock API (endpoint: api), not ${c.endpoint}`, params: { code: 'CONFLICTING_KEYS' } });
    }
  })
  .describe('The number of requests to an endpoint (of one grant_type, API route or status) lies between min and max.');

const retryAfterHonored = z
  .union([z.strictObject({ endpoint: endpoint.optional().describe('Only this endpoint; default: all.'), ...rule }), endpoint, z.null()])
  .describe('After a 429 or 503 with Retry-After, the app waited at least that long before calling the endpoint again (every endpoint when none is given).');

const tlsRefused = z
  .union([z.null(), z.strictObject({ ...rule })])
  .describe('Every connection that met a bad certificate was refused: the app sent no request over it.');

const singleFlightRefresh = z
  .union([
    z.null(),
    z.strictObject({
      window_ms: z.int().min(1).optional().describe(`How close together two refreshes must start to count as a stampede; default ${SCENARIO_DEFAULTS.singleFlightWindowMs}.`),
      ...rule,
    }),
  ])
  .describe('No refresh stampede: no two refresh_token grants started within window_ms of each other (calls that fail together share one refresh).');

// In every union the mapping form comes first: given a mapping, its issues are the ones reported.
const orderItem = z
  .union([
    z
      .strictObject({
        endpoint,
        grant_type: z.enum(GRANT_TYPES).optional().describe('Only token requests with this grant_type.'),
      })
      .superRefine((o, ctx) => {
        if (o.grant_type !== undefined && o.endpoint !== 'token') {
          ctx.addIssue({ code: 'custom', path: ['grant_type'], message: `grant_type only applies to the token endpoint, not ${o.endpoint}`, params: { code: 'CONFLICTING_KEYS' } });
        }
      }),
    endpoint,
  ])
  .describe('An endpoint, or { endpoint: token, grant_type: refresh_token }.');

const orderList = z.array(orderItem).min(2).describe('The requests, first to last.');

const order = z
  .union([orderList, z.strictObject({ requests: orderList, ...rule })])
  .describe('These requests happened in this order (other requests may come between): `order: [discovery, authorize, token]`.');

const pkce = z
  .union([z.null(), z.strictObject({ ...rule })])
  .describe('PKCE with S256 (RFC 7636, RFC 9700 §2.1.1): every authorization request carried code_challenge_method=S256 and every code redemption a code_verifier.');

const ms = z.int().min(1).max(SCENARIO_DEFAULTS.maxWaitMs);

const gaveUpWithin = z
  .union([ms.describe('Milliseconds.'), z.strictObject({ ms: ms.describe('Milliseconds.'), ...rule })])
  .describe('For hangs: every page load the app served during the steps was answered within this many ms, measured in the browser; a load never answered counts as taking as long as the browser waited.');

function orderItems(items: z.output<typeof orderList>): OrderItem[] {
  return items.map((i) => (typeof i === 'string' ? { endpoint: i } : i));
}

/** The expectation table: one entry per kind of journal check. */
export const IDP_EXPECTATIONS: { readonly [K in IdpExpectationType]: SingleKeyEntry<ExpectationOf<K>> } = {
  'no-request': entry(noRequest, (a) =>
    typeof a === 'string'
      ? { type: 'no-request', endpoint: a }
      : { type: 'no-request', endpoint: a.endpoint, ...(a.from_step !== undefined ? { fromStep: a.from_step } : {}), ...withRule(a) },
  ),
  count: entry(count, ({ from_step, severity: s, spec: r, ...c }) => ({ type: 'count', ...c, ...(from_step !== undefined ? { fromStep: from_step } : {}), ...withRule({ severity: s, spec: r }) })),
  'retry-after-honored': entry(retryAfterHonored, (a) => {
    const only = typeof a === 'string' ? a : a?.endpoint;
    return { type: 'retry-after-honored', ...(only ? { endpoint: only } : {}), ...(typeof a === 'object' ? withRule(a) : {}) };
  }),
  'tls-refused': entry(tlsRefused, (a) => ({ type: 'tls-refused', ...withRule(a) })),
  'single-flight-refresh': entry(singleFlightRefresh, (a) => ({
    type: 'single-flight-refresh',
    windowMs: a?.window_ms ?? SCENARIO_DEFAULTS.singleFlightWindowMs,
    ...withRule(a),
  })),
  order: entry(order, (a) => (Array.isArray(a) ? { type: 'order', items: orderItems(a) } : { type: 'order', items: orderItems(a.requests), ...withRule(a) })),
  pkce: entry(pkce, (a) => ({ type: 'pkce', ...withRule(a) })),
  'gave-up-within': entry(gaveUpWithin, (a) => (typeof a === 'number' ? { type: 'gave-up-within', ms: a } : { type: 'gave-up-within', ms: a.ms, ...withRule(a) })),
};

export const IDP_EXPECTATION_NOUN: ItemNoun = { name: 'idp expectation', example: 'no-request: token', unknownCode: 'UNKNOWN_EXPECTATION' };
