import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { GRANT_TYPES, type InjectionPoint, type JournalEntry } from '../../mock-provider/common.js';
import type { HttpAgent } from '../drivers/http/agent.js';
import { SCENARIO_DEFAULTS } from '../scenario/defaults.js';
import { journalEndpoint } from '../scenario/endpoints.js';
import { urlPattern, urlPatternSchema } from '../scenario/url-pattern.js';
import { grantTypeOnlyAtToken, oneOf } from '../util/one-of.js';
import { defineStep, type ScenarioContext, type StepContext } from './step.js';

/** What `wait-for` waits for in the journal: a request to an endpoint, narrowed, at least `count` of them. */
export interface RequestMatch {
  endpoint: InjectionPoint;
  grant_type?: string;
  status?: number;
  /** At least this many matching requests since the scenario started; default 1. */
  count: number;
}

const request = z
  .union([
    z
      .strictObject({
        endpoint: journalEndpoint.describe('The endpoint the request goes to.'),
        grant_type: z.enum(GRANT_TYPES).optional().describe('Only token requests with this grant_type.'),
        status: z.int().min(100).max(599).optional().describe('Only requests answered with this status (a request still open has none yet).'),
        count: z.int().min(1).optional().describe('At least this many matching requests since the scenario started; default 1.'),
      })
      .superRefine(grantTypeOnlyAtToken),
    journalEndpoint.describe('Wait until the app has called this endpoint.'),
  ])
  .describe('A request in the provider’s journal, counted from the start of the scenario: `token`, or { endpoint: token, status: 429 }.');

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
  .superRefine(oneOf(['text', 'url', 'request'], { missing: 'wait-for needs text, url or request', conflicting: 'wait-for waits for one thing: text, url or request, not several' }));

export interface WaitFor {
  text?: string;
  url?: string;
  request?: RequestMatch;
  timeoutMs: number;
}

/**
 * wait-for — return as soon as the page shows the text, its URL matches, or the journal holds the
 * request(s); fail the step when timeout_ms passes first. A bounded poll, so a scenario never
 * sleeps to synchronise.
 *
 * - Requests count from the start of the scenario: one that came before this step (during a
 *   login, say) is already there.
 * - Over http a page changes only when a load still in progress ends, so the page is looked at
 *   again only then; with none in progress a page without the text fails the step at once.
 * - A timeout_ms beyond a step's own lengthens the scenario's time limit.
 */
export const waitFor = defineStep({
  args: z
    .union([z.string().min(1).describe('Wait until the page shows this text.'), mapping])
    .describe('Wait (bounded) until the page shows text, its URL matches, or the provider saw a request: `wait-for: { request: { endpoint: token, status: 429 } }`.'),
  model: (a): WaitFor => {
    if (typeof a === 'string') return { text: a, timeoutMs: SCENARIO_DEFAULTS.stepTimeoutMs };
    const r = a.request;
    const match: RequestMatch | undefined = r === undefined ? undefined : typeof r === 'string' ? { endpoint: r, count: 1 } : { ...r, count: r.count ?? 1 };
    return {
      ...(a.text !== undefined ? { text: a.text } : {}),
      ...(a.url !== undefined ? { url: a.url } : {}),
      ...(match ? { request: match } : {}),
      timeoutMs: a.timeout_ms ?? SCENARIO_DEFAULTS.stepTimeoutMs,
    };
  },
  title: (w) => {
    if (w.text !== undefined) return `wait for text ${JSON.stringify(w.text)}`;
    if (w.url !== undefined) return `wait for URL ${w.url}`;
    return `wait for ${describeRequestMatch(w.request!)}`;
  },
  waitsMs: ({ timeoutMs }) => Math.max(0, timeoutMs - SCENARIO_DEFAULTS.stepTimeoutMs),
  browser: async (step, ctx) => {
    const { page } = ctx.agent;
    const timeout = step.timeoutMs;
    if (step.text !== undefined) {
      const shown = await page
        .getByText(step.text)
        .first()
        .waitFor({ state: 'visible', timeout })
        .then(() => true, () => false);
      if (!shown) throw new Error(`the page did not show ${JSON.stringify(step.text)} within ${timeout} ms (it is at ${page.url()})`);
    }
    if (step.url !== undefined) {
      const pattern = urlPattern(step.url);
      const reached = await page
        .waitForURL((u) => (typeof pattern === 'string' ? u.href.includes(pattern) : pattern.test(u.href)), { timeout, waitUntil: 'commit' })
        .then(() => true, () => false);
      if (!reached) throw new Error(`the browser did not reach a URL matching ${step.url} within ${timeout} ms (it is at ${page.url()})`);
    }
    if (step.request !== undefined) await waitForRequests(step.request, ctx, timeout);
  },
  http: async (step, ctx) => {
    const { agent } = ctx;
    const timeout = step.timeoutMs;
    if (step.text !== undefined) {
      const text = step.text;
      if (!(await until(() => agent.shownText().includes(text), ctx, timeout))) {
        throw new Error(`the page did not show ${JSON.stringify(text)} within ${timeout} ms (it is at ${agent.url()})`);
      }
    }
    if (step.url !== undefined) {
      const pattern = urlPattern(step.url);
      const at = () => (typeof pattern === 'string' ? agent.url().includes(pattern) : pattern.test(agent.url()));
      if (!(await until(at, ctx, timeout))) throw new Error(`the user agent did not reach a URL matching ${step.url} within ${timeout} ms (it is at ${agent.url()})`);
    }
    if (step.request !== undefined) await waitForRequests(step.request, ctx, timeout);
  },
});

/** Until the provider's journal holds `match.count` matching requests since the scenario began. */
async function waitForRequests(match: RequestMatch, ctx: Pick<ScenarioContext, 'idp' | 'journalSince'>, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen = 0;
  for (;;) {
    seen = ctx.idp.journal.entries(ctx.journalSince).filter((e) => matches(match, e)).length;
    if (seen >= match.count || Date.now() >= deadline) break;
    await sleep(SCENARIO_DEFAULTS.pollMs);
  }
  if (seen < match.count) {
    throw new Error(`the provider did not see ${describeRequestMatch(match)} within ${timeout} ms (${seen} so far)`);
  }
}

/** A request still open (status 0) matches unless a status is asked for. */
function matches(match: RequestMatch, e: JournalEntry): boolean {
  return (
    e.endpoint === match.endpoint &&
    (match.grant_type === undefined || e.grantType === match.grant_type) &&
    (match.status === undefined || e.status === match.status)
  );
}

function describeRequestMatch(r: RequestMatch): string {
  const what = `${r.endpoint}${r.grant_type ? ` grant_type=${r.grant_type}` : ''}${r.status !== undefined ? ` answered ${r.status}` : ''}`;
  return r.count > 1 ? `${r.count} ${what} requests` : `a ${what} request`;
}

/** Whether `holds` is true now, or once the load in progress has ended (within `ms`). */
async function until(holds: () => boolean, ctx: StepContext<HttpAgent>, ms: number): Promise<boolean> {
  if (holds()) return true;
  await ctx.agent.settle(ms);
  return holds();
}
