import { z } from 'zod';
import { INJECTION_POINTS } from '../../mock-provider/index.js';
import { GRANT_TYPES } from '../../mock-provider/config/schema.js';
import { ROUTE_PATTERN, ROUTE_PATTERN_HINT } from '../../mock-provider/resource-api/route-pattern.js';
import { entry, type ItemNoun, type SingleKeyEntry } from './single-key.js';
import type { IdpExpectation, IdpExpectationType } from './types.js';

type ExpectationOf<T extends IdpExpectationType> = Omit<Extract<IdpExpectation, { type: T }>, 'loc'>;

/** The journal records requests by endpoint; `transport` is where TLS faults hook in, never an endpoint. */
const ENDPOINTS = INJECTION_POINTS.filter((p) => p !== 'transport');
const endpoint = z.enum(ENDPOINTS);

const noRequest = endpoint.describe('The app never called this endpoint during the scenario.');

const count = z
  .strictObject({
    endpoint: endpoint.describe('The endpoint whose requests are counted.'),
    grant_type: z.enum(GRANT_TYPES).optional().describe('Count only token requests with this grant_type.'),
    route: z.string().regex(ROUTE_PATTERN, ROUTE_PATTERN_HINT).optional().describe('Count only calls of this mock API route, e.g. "GET /api/orders".'),
    status: z.int().min(100).max(599).optional().describe('Count only requests answered with this HTTP status.'),
    min: z.int().min(0).optional().describe('At least this many requests.'),
    max: z.int().min(0).optional().describe('At most this many requests.'),
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
  .union([endpoint, z.null(), z.strictObject({ endpoint: endpoint.optional().describe('Only this endpoint; default: all.') })])
  .describe('After a 429 or 503 with Retry-After, the app waited at least that long before calling the endpoint again (every endpoint when none is given).');

const tlsRefused = z
  .union([z.null(), z.strictObject({})])
  .describe('Every connection that met a bad certificate was refused: the app sent no request over it.');

const singleFlightRefresh = z
  .union([z.null(), z.strictObject({ window_ms: z.int().min(1).optional().describe('How close together two refreshes must start to count as a stampede; default 1000.') })])
  .describe('No refresh stampede: no two refresh_token grants started within window_ms of each other (calls that fail together share one refresh).');

/** The expectation table: one entry per kind of journal check. */
export const IDP_EXPECTATIONS: { readonly [K in IdpExpectationType]: SingleKeyEntry<ExpectationOf<K>> } = {
  'no-request': entry(noRequest, (endpoint) => ({ type: 'no-request', endpoint })),
  count: entry(count, (c) => ({ type: 'count', ...c })),
  'retry-after-honored': entry(retryAfterHonored, (a) => {
    const only = typeof a === 'string' ? a : a?.endpoint;
    return { type: 'retry-after-honored', ...(only ? { endpoint: only } : {}) };
  }),
  'tls-refused': entry(tlsRefused, () => ({ type: 'tls-refused' })),
  'single-flight-refresh': entry(singleFlightRefresh, (a) => ({ type: 'single-flight-refresh', windowMs: a?.window_ms ?? 1000 })),
};

export const IDP_EXPECTATION_NOUN: ItemNoun = { name: 'idp expectation', example: 'no-request: token', unknownCode: 'UNKNOWN_EXPECTATION' };
