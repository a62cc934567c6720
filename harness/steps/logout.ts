import { locate } from '../drivers/browser/locate.js';
import { SETTLE_BEFORE_READING_MS } from '../drivers/user-agent.js';
import { bareArgs } from '../scenario/single-key.js';
import { findClickable } from '../drivers/http/find.js';
import { clickInBrowser, clickOverHttp, openInBrowser, openOverHttp } from './shared/open.js';
import { defineStep } from './step.js';

/**
 * logout — what a person does to sign out, as the target config says: open its logout URL, or
 * click its sign-out control (on the current page, else on the home page).
 *
 * - An app that then sends the user agent to the provider's end-session endpoint is followed
 *   through it until it is back in the app or on the provider's signed-out page (over http the
 *   agent submits the page the browser submits by script).
 * - A sign-out that stalls on the way, or a page that never answers (within the step's timeout),
 *   is noted for the judge, not thrown.
 * - A logout by click is that click in either driver: over http a link followed or a form
 *   submitted (a POST with a CSRF token, say).
 */
export const logout = defineStep({
  args: bareArgs('Sign out the way the target config says (`logout:`; default: open {app}/logout), through the provider’s end-session page when the app goes there.'),
  model: () => ({}),
  title: () => 'logout',
  browser: async (_step, ctx) => {
    const { idpOrigin } = ctx;
    const { page } = ctx.agent;
    const rule = ctx.logout;
    if ('url' in rule) {
      if ((await openInBrowser(ctx.url(rule.url), ctx, 'opening the logout page')) === 'waiting') return;
    } else {
      await ctx.agent.idle(SETTLE_BEFORE_READING_MS);
      if (!(await locate(page, rule.click).first().isVisible()) && (await openInBrowser(ctx.appUrl, ctx, 'opening the home page')) === 'waiting') return;
      if (await clickInBrowser(locate(page, rule.click).first(), ctx, 'signing out')) return;
    }
    const done = await page
      .waitForURL((u) => u.origin !== idpOrigin || u.pathname.endsWith('/session/end/success'), { timeout: ctx.timeoutMs, waitUntil: 'load' })
      .then(() => true, () => false);
    if (!done) ctx.obs.notes.push(`the sign-out stalled at the provider (${page.url()})`);
  },
  http: async (_step, ctx) => {
    const rule = ctx.logout;
    if ('url' in rule) await openOverHttp(ctx.url(rule.url), ctx, 'opening the logout page');
    else {
      const { agent } = ctx;
      await agent.settle(SETTLE_BEFORE_READING_MS);
      const here = findClickable(agent.page.body, rule.click).length > 0;
      if (!here && (await openOverHttp(ctx.appUrl, ctx, 'opening the home page')).kind !== 'page') return;
      if ((await clickOverHttp(rule.click, ctx, 'signing out')).kind !== 'page') return;
    }
    const here = new URL(ctx.agent.url(), 'about:blank');
    const done = here.origin !== ctx.idpOrigin || here.pathname.endsWith('/session/end/success');
    if (!done) ctx.obs.notes.push(`the sign-out stalled at the provider (${ctx.agent.url()})`);
  },
});
