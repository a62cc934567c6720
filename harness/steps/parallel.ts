import { z } from 'zod';
import { appUrlSchema } from '../scenario/app-url.js';
import { SCENARIO_DEFAULTS } from '../scenario/defaults.js';
import { startTogether } from '../drivers/browser/start-together.js';
import { oneOf } from '../util/one-of.js';
import { noteOutcome } from './shared/notes.js';
import { loadInBrowser, pageUrl } from './shared/open.js';
import { defineStep, type ScenarioContext } from './step.js';

/**
 * parallel — `n` loads of a page at once with one cookie jar (one session), as a person's tabs
 * (or a page's parallel fetches) make them: a stampede, as when an access token expires under a
 * page making several calls, or a burst against a rate limit.
 *
 * - Browser: n tabs of the same context, opened first and only then navigated; their requests are
 *   held until all n have been made and then let go together (startTogether), and sent as a hard
 *   reload sends them (past Chromium's cache lock, which would queue them); closed afterwards.
 * - Http: n requests of the same agent; the person's own page stays where it was.
 * - What the loads were answered with is noted for the judge; a load that fails, or gets no answer
 *   within the step's timeout, is noted, never thrown.
 */
export const parallel = defineStep({
  args: z
    .strictObject({
      visit: z.string().min(1).optional().describe('A page named under `pages:` in the target config.'),
      url: appUrlSchema.optional(),
      n: z.int().min(2).max(SCENARIO_DEFAULTS.maxParallel).describe(`How many loads start together (2–${SCENARIO_DEFAULTS.maxParallel}).`),
    })
    .superRefine(oneOf(['visit', 'url'], { missing: 'parallel needs visit (a named page) or url', conflicting: 'parallel loads one page: visit or url, not both' }))
    .describe('Load a page n times at once in the same browser context (a stampede): `parallel: { visit: burst, n: 5 }`.'),
  model: ({ visit: page, url, n }) => ({ n, ...(page !== undefined ? { page } : {}), ...(url !== undefined ? { url } : {}) }),
  title: ({ n, page, url }) => `${n} parallel loads of ${page ?? url}`,
  page: { name: ({ page }) => page, at: ['visit'] },
  browser: async (step, ctx) => {
    const url = target(step, ctx);
    const context = ctx.agent.page.context();
    const tabs = await Promise.all(Array.from({ length: step.n }, () => context.newPage()));
    let release: (() => Promise<void>) | undefined;
    try {
      // Chromium's HTTP cache lets one load of a URL at a time through to the server (its cache
      // lock): n tabs of one page would reach the app one answer apart, each after the one before
      // it had, say, refreshed the token. A hard reload's Cache-Control: no-cache passes the lock,
      // so the loads reach the app together, as a page's parallel calls do.
      await Promise.all(tabs.map((tab) => tab.setExtraHTTPHeaders({ 'cache-control': 'no-cache' })));
      for (const tab of tabs) ctx.agent.watch(tab);
      release = await startTogether(tabs, url);
      const statuses = await Promise.all(
        tabs.map(async (tab, i) => {
          let status: number | undefined;
          const load = async () => void (status = (await tab.goto(url, { timeout: ctx.timeoutMs }))?.status());
          await loadInBrowser(ctx, `parallel load ${i + 1} of ${url}`, load, tab);
          return status === undefined ? 'no answer' : String(status);
        }),
      );
      noteStatuses(ctx, step.n, url, statuses);
    } finally {
      await release?.();
      await Promise.all(tabs.map((tab) => tab.close()));
    }
  },
  http: async (step, ctx) => {
    const url = target(step, ctx);
    const outcomes = await Promise.all(Array.from({ length: step.n }, () => ctx.agent.navigate(url, { timeoutMs: ctx.timeoutMs, parallel: true })));
    for (const [i, o] of outcomes.entries()) noteOutcome(ctx, `parallel load ${i + 1} of ${url}`, o);
    noteStatuses(ctx, step.n, url, outcomes.map((o) => (o.kind === 'page' ? String(o.page.status) : 'no answer')));
  },
});

function target(step: { page?: string; url?: string }, ctx: ScenarioContext): string {
  return step.page !== undefined ? pageUrl(step.page, ctx) : ctx.url(step.url!);
}

/** `5 parallel loads of …/profile: 4× 200, 1× 429`. */
function noteStatuses(ctx: ScenarioContext, n: number, url: string, statuses: readonly string[]): void {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  ctx.obs.notes.push(`${n} parallel loads of ${url}: ${[...counts].map(([s, k]) => `${k}× ${s}`).join(', ')}`);
}
