import { noteFailure, type StepContext } from './context.js';
import { pageUrl } from './navigate.js';

/**
 * parallel — n tabs of the same browser context (one cookie jar, one session) load a page at
 * once: a stampede of requests that all carry the same session, as when an access token expires
 * under a page making several calls. The tabs are opened first and only then navigated, so the
 * loads start together rather than one tab-opening apart; they are closed afterwards.
 */
export async function parallel(step: { n: number; page?: string; url?: string }, ctx: StepContext): Promise<void> {
  const url = step.page !== undefined ? pageUrl(step.page, ctx) : ctx.url(step.url!);
  const context = ctx.page.context();
  const tabs = await Promise.all(Array.from({ length: step.n }, () => context.newPage()));
  try {
    for (const tab of tabs) ctx.watch(tab);
    const statuses = await Promise.all(
      tabs.map((tab, i) =>
        tab.goto(url, { timeout: ctx.timeoutMs }).then(
          (response) => response?.status(),
          (error: Error) => noteFailure(ctx, `parallel load ${i + 1} of ${url}`)(error),
        ),
      ),
    );
    const counts = new Map<string, number>();
    for (const s of statuses) counts.set(String(s ?? 'no answer'), (counts.get(String(s ?? 'no answer')) ?? 0) + 1);
    ctx.obs.notes.push(`${step.n} parallel loads of ${url}: ${[...counts].map(([s, n]) => `${n}× ${s}`).join(', ')}`);
  } finally {
    await Promise.all(tabs.map((tab) => tab.close()));
  }
}
