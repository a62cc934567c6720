import { z } from 'zod';
import { GRANT_TYPES } from '../../../mock-provider/common.js';
import { SCENARIO_DEFAULTS } from '../defaults.js';
import { journalEndpoint } from '../endpoints.js';
import type { RequestMatch } from '../types.js';
import { urlPatternSchema } from '../url-pattern.js';

const request = z
  .union([
    z
      .strictObject({
        endpoint: journalEndpoint.describe('The endpoint the request goes to.'),
        grant_type: z.enum(GRANT_TYPES).optional().describe('Only token requests with this grant_type.'),
        status: z.int().min(100).max(599).optional().describe('Only requests answered with this status (a request still open has none yet).'),
        count: z.int().min(1).optional().describe('At least this many matching requests since the scenario started; default 1.'),
      })
      .superRefine((r, ctx) => {
        if (r.grant_type !== undefined && r.endpoint !== 'token') {
          ctx.addIssue({ code: 'custom', path: ['grant_type'], message: `grant_type only applies to the token endpoint, not ${r.endpoint}`, params: { code: 'CONFLICTING_KEYS' } });
        }
      }),
    journalEndpoint.describe('Wait until the app has called this endpoint.'),
  ])
  .describe('A request in the provider’s journal, counted from the start of the scenario: `token`, or { endpoint: token, status: 429 }.');

const WAYS = ['text', 'url', 'request'];

const mapping = z
  .strictObject({
    text: z.string().min(1).optional().describe('Wait until the page shows this text.'),
    url: urlPatternSchema.optional().describe('Wait until the page’s URL matches: a substring or /regex/.'),
    request: request.optional(),
    timeout_ms: z
      .int()
      .min(1)
      .max(SCENARIO_DEFAULTS.maxWaitMs)
      .optional()
      .describe(`Give up (and fail the step) after this long; default ${SCENARIO_DEFAULTS.stepTimeoutMs}.`),
  })
  .superRefine((w, ctx) => {
    const ways = WAYS.filter((k) => w[k as keyof typeof w] !== undefined).length;
    if (ways !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: ways === 0 ? 'wait-for needs text, url or request' : 'wait-for waits for one thing: text, url or request, not several',
        params: { code: ways === 0 ? 'MISSING_ONE_OF' : 'CONFLICTING_KEYS', allowed: WAYS },
      });
    }
  });

/**
 * Wait until something has happened: the page shows text, its URL matches, or the journal holds
 * a request. A bounded poll that returns as soon as it holds, so a scenario never sleeps to
 * synchronise; when the time runs out the step fails.
 */
export const waitForArgs = z
  .union([z.string().min(1).describe('Wait until the page shows this text.'), mapping])
  .describe('Wait (bounded) until the page shows text, its URL matches, or the provider saw a request: `wait-for: { request: { endpoint: token, status: 429 } }`.');

export interface WaitForStep {
  text?: string;
  url?: string;
  request?: RequestMatch;
  timeoutMs: number;
}

export function toWaitFor(a: z.output<typeof waitForArgs>): WaitForStep {
  if (typeof a === 'string') return { text: a, timeoutMs: SCENARIO_DEFAULTS.stepTimeoutMs };
  const r = a.request;
  const match: RequestMatch | undefined = r === undefined ? undefined : typeof r === 'string' ? { endpoint: r, count: 1 } : { ...r, count: r.count ?? 1 };
  return {
    ...(a.text !== undefined ? { text: a.text } : {}),
    ...(a.url !== undefined ? { url: a.url } : {}),
    ...(match ? { request: match } : {}),
    timeoutMs: a.timeout_ms ?? SCENARIO_DEFAULTS.stepTimeoutMs,
  };
}

export function describeRequestMatch(r: RequestMatch): string {
  const what = `${r.endpoint}${r.grant_type ? ` grant_type=${r.grant_type}` : ''}${r.status !== undefined ? ` answered ${r.status}` : ''}`;
  return r.count > 1 ? `${r.count} ${what} requests` : `a ${what} request`;
}

export function waitForTitle(w: WaitForStep): string {
  if (w.text !== undefined) return `wait for text ${JSON.stringify(w.text)}`;
  if (w.url !== undefined) return `wait for URL ${w.url}`;
  return `wait for ${describeRequestMatch(w.request!)}`;
}
