import { locate } from '../drivers/browser/locate.js';
import { clickTargetSchema, describeClickTarget, toClickTarget } from '../scenario/click-target.js';
import { needsBrowser } from './shared/open.js';
import { defineStep } from './step.js';

/**
 * click — a button, link or any element, found the way a person would: by role and accessible
 * name, by visible text, or by CSS selector when nothing visible identifies it.
 *
 * - Waits for the page the click loads.
 * - Needs a DOM: a scenario with it is refused with `driver: http` and skipped in an http run.
 */
export const click = defineStep({
  args: clickTargetSchema,
  model: (a) => ({ target: toClickTarget(a) }),
  title: ({ target }) => `click ${describeClickTarget(target)}`,
  needsBrowser: () => 'click needs a browser: the http driver has no DOM to find the element in',
  browser: async ({ target }, ctx) => {
    const { page } = ctx.agent;
    await locate(page, target).first().click({ timeout: ctx.timeoutMs });
    await page.waitForLoadState('load', { timeout: ctx.timeoutMs });
  },
  http: () => needsBrowser('click'),
});
