import { needsBrowser, open, type HttpStepContext } from './context.js';

/**
 * logout — open the target config's logout URL; the provider's end-session page, which a browser
 * submits by script, the agent submits as it would. A sign-out left on the provider's page is
 * noted for the judge, not thrown. A logout by click needs the browser driver.
 */
export async function logout(_step: object, ctx: HttpStepContext): Promise<void> {
  const rule = ctx.logout;
  if (!('url' in rule)) return needsBrowser('a logout by click (the target config’s logout.click)')();
  await open(ctx.url(rule.url), ctx, 'opening the logout page');
  const here = new URL(ctx.agent.url(), 'about:blank');
  const done = here.origin !== ctx.idpOrigin || here.pathname.endsWith('/session/end/success');
  if (!done) ctx.obs.notes.push(`the sign-out stalled at the provider (${ctx.agent.url()})`);
}
