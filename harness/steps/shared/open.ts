import type { Locator } from '@playwright/test';
import { bounded } from '../../drivers/browser/bounded.js';
import type { BrowserAgent } from '../../drivers/browser/browser-agent.js';
import type { HttpAgent, NavigateOptions, NavOutcome } from '../../drivers/http/agent.js';
import { clickAction, findClickable } from '../../drivers/http/find.js';
import { SETTLE_BEFORE_READING_MS } from '../../drivers/user-agent.js';
import { describeClickTarget } from '../../scenario/click-target.js';
import type { ClickTarget } from '../../scenario/types.js';
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

/**
 * What the http driver says when the page needs a script for what a step asks of it (a button
 * that is no form's submit button, a link that runs a script): not the app's fault, so the
 * runner skips the scenario with this reason, as it skips one whose steps need a browser before
 * it runs.
 */
export class NeedsBrowser extends Error {
  override readonly name = 'NeedsBrowser';
}

/**
 * Click over http as a person clicks: the element found as the browser driver finds it (the
 * first), then its link followed or its form submitted with what `fill` typed into it. An element
 * that is not there fails the step (the page cannot change without a script); one that only a
 * script could act on is NeedsBrowser, saying which and why.
 */
export async function clickOverHttp(target: ClickTarget, ctx: StepContext<HttpAgent>, what: string, options: Partial<NavigateOptions> = {}): Promise<NavOutcome> {
  const { agent } = ctx;
  await agent.settle(SETTLE_BEFORE_READING_MS);
  const element = findClickable(agent.page.body, target)[0];
  if (!element) throw new Error(`${what} failed: there is no ${describeClickTarget(target)} on the page (at ${agent.url()})`);
  const action = clickAction(agent.page.body, element);
  if (action.kind === 'script') throw new NeedsBrowser(`${what} needs a browser: ${action.why} (at ${agent.url()})`);
  const outcome = await agent.click(action, { ...options, timeoutMs: ctx.timeoutMs });
  noteOutcome(ctx, what, outcome);
  return outcome;
}
