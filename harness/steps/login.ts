import type { Route } from '@playwright/test';
import type { LoginStop } from '../scenario/types.js';
import { noteFailure, type StepContext } from './context.js';
import { locate } from './locate.js';

/**
 * login — what a person does: start the app's login, sign in at the provider as `user`, allow
 * consent if asked, and land back in the app. When the app never sends the browser to the
 * provider, or the provider never sends it back, that is noted for the judge, not thrown:
 * it is the app's behaviour under test, not a broken step.
 *
 * - stop: before-provider — the app's answers are fetched for the browser (cookies land in its
 *   jar) until one sends it to the provider; that redirect is kept as obs.authorizationUrl and the
 *   browser shown a harness page instead, at the app's URL. The provider sees no authorization
 *   request. (Playwright cannot intercept a redirect's target, so the app's side is walked here.)
 * - stop: at-provider — ends on the provider's first page (its login form), nobody signed in.
 * - stop: after-callback, or none — the whole login.
 */
export async function login(step: { user?: string; stop?: LoginStop }, ctx: StepContext): Promise<void> {
  if (step.stop !== 'before-provider') return signIn(step, ctx);
  const { page } = ctx;
  const appOrigin = new URL(ctx.appUrl).origin;
  const toApp = (url: URL) => url.origin === appOrigin;
  const hold = (route: Route) => holdBeforeProvider(route, ctx);
  await page.route(toApp, hold);
  try {
    await signIn(step, ctx);
  } finally {
    await page.unroute(toApp, hold);
  }
}

/** The harness page a login stopped before the provider leaves the browser on. */
export const STOPPED_TITLE = 'authfault stopped this login before the provider';

async function holdBeforeProvider(route: Route, ctx: StepContext): Promise<void> {
  const request = route.request();
  if (!request.isNavigationRequest() || request.frame() !== ctx.page.mainFrame()) return route.continue();
  let url = request.url();
  let response = await route.fetch({ maxRedirects: 0 });
  for (let hop = 0; ; hop++) {
    const location = response.headers().location;
    const next = location !== undefined && response.status() >= 300 && response.status() < 400 ? new URL(location, url) : undefined;
    // The harness answers this navigation, so the page never sees the app's own hops: record them.
    if (next) ctx.obs.appResponses.push({ url, status: response.status(), ms: 0 });
    if (next?.origin === ctx.idpOrigin) {
      ctx.obs.authorizationUrl = next.href;
      ctx.obs.harnessPages.add(request.url());
      const body = `<!doctype html><title>authfault</title><h1>${STOPPED_TITLE}</h1><p>The app sent the browser to ${escapeHtml(next.origin + next.pathname)}.</p>`;
      return route.fulfill({ status: 200, contentType: 'text/html', body });
    }
    if (!next || next.origin !== new URL(ctx.appUrl).origin || hop >= 10) return route.fulfill({ response });
    url = next.href;
    response = await ctx.page.context().request.get(url, { maxRedirects: 0 });
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function signIn(step: { user?: string; stop?: LoginStop }, ctx: StepContext): Promise<void> {
  const { page, idpOrigin } = ctx;
  const user = step.user ?? ctx.defaultUser;
  await page.goto(ctx.login.url ? ctx.url(ctx.login.url) : ctx.appUrl, { timeout: ctx.timeoutMs }).catch(noteFailure(ctx, 'opening the login page'));
  if (ctx.login.click) await locate(page, ctx.login.click).first().click({ timeout: ctx.timeoutMs });
  if (step.stop === 'before-provider') {
    await page.waitForLoadState('load', { timeout: ctx.timeoutMs }).catch(noteFailure(ctx, 'loading the app’s login'));
    if (!ctx.obs.authorizationUrl) ctx.obs.notes.push(`the app never sent the browser to the provider (stayed at ${page.url()})`);
    return;
  }
  // goto already followed the app's redirects; the grace period covers apps that redirect by script.
  const reached = await page
    .waitForURL((url) => url.origin === idpOrigin, { timeout: Math.min(ctx.timeoutMs, 2000), waitUntil: 'domcontentloaded' })
    .then(() => true, () => false);
  if (!reached) {
    // A provider that still has the person's session answers the authorization request at once,
    // and the browser never rests on its origin: the journal, not the URL, says whether it was asked.
    const asked = ctx.idp.journal.entries(ctx.obs.stepMarks.at(-1) ?? ctx.journalSince).some((e) => e.endpoint === 'authorize');
    ctx.obs.notes.push(
      asked
        ? `the provider answered at once from its own session and sent the browser back to the app (now at ${page.url()})`
        : `the app never sent the browser to the provider (stayed at ${page.url()})`,
    );
    return;
  }
  if (step.stop === 'at-provider') {
    await page.waitForLoadState('load', { timeout: ctx.timeoutMs }).catch(noteFailure(ctx, 'loading the provider’s page'));
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
