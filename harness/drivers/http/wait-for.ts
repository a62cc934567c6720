import type { RequestMatch } from '../../scenario/types.js';
import { urlPattern } from '../../scenario/url-pattern.js';
import { waitForRequests } from '../../steps/wait-for.js';
import type { HttpStepContext } from './context.js';

/**
 * wait-for — as in the browser driver: the page shows the text, its URL matches, or the journal
 * holds the request(s), within timeoutMs. A page fetched over HTTP changes only when a load
 * still in progress ends, so the page is looked at again only then; with none in progress a
 * page without the text fails the step at once rather than at the end of the timeout.
 */
export async function waitFor(step: { text?: string; url?: string; request?: RequestMatch; timeoutMs: number }, ctx: HttpStepContext): Promise<void> {
  const { agent } = ctx;
  const timeout = step.timeoutMs;
  if (step.text !== undefined) {
    const text = step.text;
    if (!(await until(() => agent.text().includes(text), ctx, timeout))) {
      throw new Error(`the page did not show ${JSON.stringify(text)} within ${timeout} ms (it is at ${agent.url()})`);
    }
  }
  if (step.url !== undefined) {
    const pattern = urlPattern(step.url);
    const at = () => (typeof pattern === 'string' ? agent.url().includes(pattern) : pattern.test(agent.url()));
    if (!(await until(at, ctx, timeout))) throw new Error(`the user agent did not reach a URL matching ${step.url} within ${timeout} ms (it is at ${agent.url()})`);
  }
  if (step.request !== undefined) await waitForRequests(step.request, ctx, timeout);
}

/** Whether `holds` is true now, or once the load in progress has ended (within `ms`). */
async function until(holds: () => boolean, ctx: HttpStepContext, ms: number): Promise<boolean> {
  if (holds()) return true;
  await ctx.agent.settle(ms);
  return holds();
}

