import type { BaseStepContext } from '../driver.js';
import type { HttpAgent, NavOutcome } from './agent.js';

/** What an http step may use: the runner's context and the user agent in place of a page. */
export interface HttpStepContext extends BaseStepContext {
  agent: HttpAgent;
}

/**
 * A load that failed or outlived its step is the app's behaviour (a reset, a hang): noted for the
 * judge, not thrown, as the browser driver notes a failed page.goto.
 */
export function noteOutcome(ctx: HttpStepContext, what: string, outcome: NavOutcome): void {
  if (outcome.kind === 'failed') ctx.obs.notes.push(`${what} failed: ${outcome.error} at ${outcome.url}`);
  if (outcome.kind === 'timeout') ctx.obs.notes.push(`${what} failed: no answer from ${outcome.url} within ${ctx.timeoutMs} ms`);
}

/** Open a URL as the person's page, noting a failed or unanswered load. */
export async function open(url: string, ctx: HttpStepContext, what = `opening ${url}`): Promise<NavOutcome> {
  const outcome = await ctx.agent.navigate(url, { timeoutMs: ctx.timeoutMs });
  noteOutcome(ctx, what, outcome);
  return outcome;
}

/** The step needs a DOM; scenarios that use it are refused before they run (see needs-browser.ts). */
export function needsBrowser(what: string): () => Promise<void> {
  return () => Promise.reject(new Error(`${what} needs a browser: the http driver has no DOM to act on; run this scenario with driver: browser`));
}
