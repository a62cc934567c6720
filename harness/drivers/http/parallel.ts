import { pageUrl } from '../../steps/navigate.js';
import type { StepContext } from '../../steps/context.js';
import type { HttpStepContext } from './context.js';

/**
 * parallel — n loads of a page at once with the same cookie jar (one session), as the browser
 * driver's n tabs: a stampede. The person's own page stays where it was.
 */
export async function parallel(step: { n: number; page?: string; url?: string }, ctx: HttpStepContext): Promise<void> {
  const url = step.page !== undefined ? pageUrl(step.page, ctx as Pick<StepContext, 'pages'> as StepContext) : ctx.url(step.url!);
  const outcomes = await Promise.all(Array.from({ length: step.n }, () => ctx.agent.navigate(url, { timeoutMs: ctx.timeoutMs, parallel: true })));
  const counts = new Map<string, number>();
  for (const [i, o] of outcomes.entries()) {
    const status = o.kind === 'page' ? String(o.page.status) : 'no answer';
    counts.set(status, (counts.get(status) ?? 0) + 1);
    if (o.kind === 'failed') ctx.obs.notes.push(`parallel load ${i + 1} of ${url} failed: ${o.error}`);
    if (o.kind === 'timeout') ctx.obs.notes.push(`parallel load ${i + 1} of ${url} failed: no answer within ${ctx.timeoutMs} ms`);
  }
  ctx.obs.notes.push(`${step.n} parallel loads of ${url}: ${[...counts].map(([s, n]) => `${n}× ${s}`).join(', ')}`);
}
