import { locate } from '../drivers/browser/locate.js';
import { clickTargetSchema, describeClickTarget, toClickTarget } from '../scenario/click-target.js';
import { noteFailure } from './shared/notes.js';
import { clickInBrowser, clickOverHttp } from './shared/open.js';
import { defineStep } from './step.js';

/**
 * click — a button, link or any element, found the way a person would: by role and accessible
 * name, by visible text, or by CSS selector when nothing visible identifies it.
 *
 * - Waits for the page the click loads, within the step's timeout; a page that never answers is
 *   noted for the judge, not thrown. An element that never appears fails the step.
 * - Over http, on a server-rendered page: a link is followed, a form's submit button submits its
 *   form (with what `fill` typed into it); an element only a script could act on skips the
 *   scenario, saying which and why. An element that is not on the page fails the step at once:
 *   without a script the page cannot change.
 */
export const click = defineStep({
  args: clickTargetSchema,
  model: (a) => ({ target: toClickTarget(a) }),
  title: ({ target }) => `click ${describeClickTarget(target)}`,
  browser: async ({ target }, ctx) => {
    const { page } = ctx.agent;
    const what = `clicking ${describeClickTarget(target)}`;
    if (await clickInBrowser(locate(page, target).first(), ctx, what)) return;
    await page.waitForLoadState('load', { timeout: ctx.timeoutMs }).catch(noteFailure(ctx, `${what}: loading the page`));
  },
  http: async ({ target }, ctx) => {
    await clickOverHttp(target, ctx, `clicking ${describeClickTarget(target)}`);
  },
});
