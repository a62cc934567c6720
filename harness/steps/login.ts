import type { StepContext } from './context.js';
import { locate } from './locate.js';

/**
 * login — what a person does: start the app's login, sign in at the provider as `user`, allow
 * consent if asked, and land back in the app. When the app never sends the browser to the
 * provider, or the provider never sends it back, that is noted for the judge, not thrown:
 * it is the app's behaviour under test, not a broken step.
 */
export async function login(step: { user?: string }, ctx: StepContext): Promise<void> {
  const { page, idp } = ctx;
  // With HTTPS the browser meets the provider on its front channel, not the issuer's origin.
  const idpOrigin = idp.frontOrigin ?? idp.origin;
  const user = step.user ?? ctx.defaultUser;
  await page.goto(ctx.login.url ? ctx.url(ctx.login.url) : ctx.appUrl, { timeout: ctx.timeoutMs }).catch(noteNavigation(ctx));
  if (ctx.login.click) await locate(page, ctx.login.click).first().click({ timeout: ctx.timeoutMs });
  // goto already followed the app's redirects; the grace period covers apps that redirect by script.
  const reached = await page
    .waitForURL((url) => url.origin === idpOrigin, { timeout: Math.min(ctx.timeoutMs, 2000), waitUntil: 'domcontentloaded' })
    .then(() => true, () => false);
  if (!reached) {
    ctx.obs.notes.push(`the app never sent the browser to the provider (stayed at ${page.url()})`);
    return;
  }
  const username = page.getByLabel('Username');
  if (await username.isVisible()) {
    await username.fill(user);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
  const allow = page.getByRole('button', { name: 'Allow' });
  await page
    .waitForURL((url) => url.origin !== idpOrigin || url.pathname.includes('/interaction/'), { timeout: ctx.timeoutMs, waitUntil: 'commit' })
    .catch(() => undefined);
  if (new URL(page.url()).origin === idpOrigin && (await allow.isVisible())) await allow.click();
  const back = await page
    .waitForURL((url) => url.origin !== idpOrigin, { timeout: ctx.timeoutMs, waitUntil: 'load' })
    .then(() => true, () => false);
  if (!back) ctx.obs.notes.push(`the provider did not send the browser back to the app (stayed at ${page.url()})`);
}

function noteNavigation(ctx: StepContext) {
  return (error: Error) => {
    ctx.obs.notes.push(`opening the login page failed: ${error.message.split('\n')[0]}`);
  };
}
