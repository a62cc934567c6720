import { locate } from '../drivers/browser/locate.js';
import { clickTargetSchema, describeClickTarget, toClickTarget } from '../scenario/click-target.js';
import { noteFailure } from './shared/notes.js';
import { clickInBrowser, needsBrowser } from './shared/open.js';
import { defineStep } from './step.js';

/**
 * click — a button, link or any element, found the way a person would: by role and accessible
 * name, by visible text, or by CSS selector when nothing visible identifies it.
 *
 * - Waits for the page the click loads, within the step's timeout; a page that never answers is
 *   noted for the judge, not thrown. An element that never appears fails the step.
 * - Needs a DOM: a scenario with it is refused with `driver: http` and skipped in an http run.
 */
export const click = defineStep({
  args: clickTargetSchema,
  model: (a) => ({ target: toClickTarget(a) }),
  title: ({ target }) => `click ${describeClickTarget(target)}`,
  needsBrowser: () => 'click needs a browser: the http driver has no DOM to find the element in',
  browser: async ({ target }, ctx) => {
    const { page } = ctx.agent;
    const what = `clicking ${describeClickTarget(target)}`;
    if (await clickInBrowser(locate(page, target).first(), ctx, what)) return;
    await page.waitForLoadState('load', { timeout: ctx.timeoutMs }).catch(noteFailure(ctx, `${what}: loading the page`));
  },
  http: () => needsBrowser('click'),
});
