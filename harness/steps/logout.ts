import { noteFailure, type StepContext } from './context.js';
import { locate } from './locate.js';

/**
 * logout — what a person does to sign out, as the target config says: open its logout URL, or
 * click its sign-out control (on the current page, else on the home page). An app that then
 * sends the browser to the provider's end-session endpoint is followed through it until the
 * browser is back in the app or on the provider's signed-out page; a logout that stalls on the
 * way is noted for the judge, not thrown: it is the app's behaviour under test.
 */
export async function logout(_step: object, ctx: StepContext): Promise<void> {
  const { page, idpOrigin } = ctx;
  const rule = ctx.logout;
  if ('url' in rule) {
    await page.goto(ctx.url(rule.url), { timeout: ctx.timeoutMs }).catch(noteFailure(ctx, 'opening the logout page'));
  } else {
    if (!(await locate(page, rule.click).first().isVisible())) await page.goto(ctx.appUrl, { timeout: ctx.timeoutMs }).catch(noteFailure(ctx, 'opening the home page'));
    await locate(page, rule.click).first().click({ timeout: ctx.timeoutMs });
  }
  const done = await page
    .waitForURL((u) => u.origin !== idpOrigin || u.pathname.endsWith('/session/end/success'), { timeout: ctx.timeoutMs, waitUntil: 'load' })
    .then(() => true, () => false);
  if (!done) ctx.obs.notes.push(`the sign-out stalled at the provider (${page.url()})`);
}
