import type { Locator } from '@playwright/test';
import { bounded } from '../../drivers/browser/bounded.js';
import type { BrowserAgent } from '../../drivers/browser/browser-agent.js';
import type { HttpAgent, NavOutcome } from '../../drivers/http/agent.js';
import { SETTLE_BEFORE_READING_MS } from '../../drivers/user-agent.js';
import type { ScenarioContext, StepContext } from '../step.js';
import { noteBounded, noteFailure, noteOutcome } from './notes.js';

/** How a load in the browser ended; anything but `loaded` has been noted for the judge. */
export type Load = 'loaded' | 'failed' | 'waiting';

/** Open a URL as the person's page in the browser, noting a failed or unanswered load. */
export function openInBrowser(url: string, ctx: StepContext<BrowserAgent>, what = `opening ${url}`): Promise<Load> {
  return loadInBrowser(ctx, what, () => ctx.agent.page.goto(url, { timeout: ctx.timeoutMs }));
}

/**
 * A browser action that loads a page (goto, reload) of the person's page or another tab, bounded
 * by the step's timeout: a failed or unanswered load is noted, never thrown.
 */
export async function loadInBrowser(ctx: StepContext<BrowserAgent>, what: string, action: () => Promise<unknown>, tab = ctx.agent.page): Promise<Load> {
  try {
    return noteBounded(ctx, what, await bounded(tab, action)) ? 'waiting' : 'loaded';
  } catch (error) {
    noteFailure(ctx, what)(error as Error);
    return 'failed';
  }
}

/**
 * Click in the browser, bounded by the step's timeout; true when the page the click loads is
 * still waiting for an answer (noted for the judge: the step goes no further). An element that
 * never appears fails the step. A page still loading from an earlier step is waited for briefly,
 * then stopped, as over http the click acts on the page shown.
 */
export async function clickInBrowser(target: Locator, ctx: StepContext<BrowserAgent>, what: string): Promise<boolean> {
  await ctx.agent.idle(SETTLE_BEFORE_READING_MS);
  return noteBounded(ctx, what, await bounded(ctx.agent.page, () => target.click({ timeout: ctx.timeoutMs })));
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
