import type { BrowserAgent } from '../../drivers/browser/browser-agent.js';
import type { HttpAgent, NavOutcome } from '../../drivers/http/agent.js';
import type { ScenarioContext, StepContext } from '../step.js';
import { noteFailure, noteOutcome } from './notes.js';

/** Open a URL as the person's page in the browser, noting a failed load. */
export async function openInBrowser(url: string, ctx: StepContext<BrowserAgent>): Promise<void> {
  await ctx.agent.page.goto(url, { timeout: ctx.timeoutMs }).catch(noteFailure(ctx, `opening ${url}`));
}

/** Open a URL as the person's page over HTTP, noting a failed or unanswered load. */
export async function openOverHttp(url: string, ctx: StepContext<HttpAgent>, what = `opening ${url}`): Promise<NavOutcome> {
  const outcome = await ctx.agent.navigate(url, { timeoutMs: ctx.timeoutMs });
  noteOutcome(ctx, what, outcome);
  return outcome;
}

/** The URL of a page named in the target config. */
export function pageUrl(name: string, ctx: Pick<ScenarioContext, 'pages'>): string {
  const url = ctx.pages[name];
  if (!url) throw new Error(`no page named "${name}" in the target config (pages: ${Object.keys(ctx.pages).join(', ') || 'none'})`);
  return url;
}

/** What the http driver says when it is asked for what needs a DOM; scenarios that would are refused or skipped before they run. */
export function needsBrowser(what: string): Promise<never> {
  return Promise.reject(new Error(`${what} needs a browser: the http driver has no DOM to act on; run this scenario with driver: browser`));
}
