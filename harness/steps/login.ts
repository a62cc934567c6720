import type { Route } from '@playwright/test';
import { z } from 'zod';
import type { BrowserAgent } from '../drivers/browser/browser-agent.js';
import { locate } from '../drivers/browser/locate.js';
import { watchNetwork, type NetworkWatch } from '../drivers/browser/network-quiet.js';
import type { HttpAgent, HttpPage, NavigateOptions, NavOutcome } from '../drivers/http/agent.js';
import { forms } from '../drivers/http/html.js';
import { noteFailure, noteOutcome } from './shared/notes.js';
import { clickInBrowser, clickOverHttp, openInBrowser, openOverHttp } from './shared/open.js';
import { defineStep, type StepContext } from './step.js';

/** Where a login step stops; absent: the full login, back in the app after the callback. */
export type LoginStop = (typeof LOGIN_STOPS)[number];

const LOGIN_STOPS = ['before-provider', 'at-provider', 'after-callback'] as const;

const STOP_WORDS: Record<LoginStop, string> = {
  'before-provider': ', stopping before the provider',
  'at-provider': ', stopping at the provider',
  'after-callback': '',
};

/**
 * login — what a person does: start the app's login (the target config's login.url, or a click
 * on its home page), sign in at the provider as `user` (its "Username" field and "Sign in"
 * button), allow consent ("Allow") when asked, and land back in the app.
 *
 * - An app that never sends the user agent to the provider, or a provider that never sends it
 *   back, is noted for the judge, not thrown: it is the app's behaviour under test.
 * - stop: before-provider — the app built its authorization request and sent the user agent off;
 *   the harness answers that request with a stand-in page (kept as obs.authorizationUrl): the
 *   provider sees no authorization request.
 * - stop: at-provider — ends on the provider's login page; nobody has signed in there yet.
 * - stop: after-callback, or none — the whole login.
 * - A login started by a click (login.click) is that click on the app's home page, in either
 *   driver: over http a link followed or a form submitted, CSRF token and all.
 */
export const login = defineStep({
  args: z
    .union([
      z.string().min(1).describe('The user to sign in as (a user id of the provider).'),
      z.strictObject({
        user: z.string().min(1).optional().describe('The user to sign in as; default: the config’s first user.'),
        stop: z
          .enum(LOGIN_STOPS)
          .optional()
          .describe('Where the login stops: before-provider (the browser never reaches the provider), at-provider (its login page is shown), after-callback (the default: the whole login).'),
      }),
      z.null(),
    ])
    .describe('Start the app’s login and complete the provider’s login: `login: alice`, `login: {}` for the config’s first user, or `login: { user: bob, stop: at-provider }`.'),
  model: (a): { user?: string; stop?: LoginStop } => {
    const user = typeof a === 'string' ? a : a?.user;
    const stop = typeof a === 'object' ? a?.stop : undefined;
    return { ...(user ? { user } : {}), ...(stop ? { stop } : {}) };
  },
  title: ({ user, stop }) => `login as ${user ?? 'the default user'}${stop ? STOP_WORDS[stop] : ''}`,
  browser: async (step, ctx) => {
    if (step.stop !== 'before-provider') return signIn(step, ctx);
    const { page } = ctx.agent;
    const appOrigin = new URL(ctx.appUrl).origin;
    const toApp = (url: URL) => url.origin === appOrigin;
    const hold = (route: Route) => holdBeforeProvider(route, ctx);
    await page.route(toApp, hold);
    try {
      await signIn(step, ctx);
    } finally {
      await page.unroute(toApp, hold);
    }
  },
  http: async (step, ctx) => {
    const { agent, idpOrigin } = ctx;
    const user = step.user ?? ctx.defaultUser;
    const atProvider = () => agent.url().startsWith(`${idpOrigin}/`);
    const intercept =
      step.stop === 'before-provider'
        ? (url: URL): HttpPage | undefined => {
            if (url.origin !== idpOrigin) return undefined;
            ctx.obs.authorizationUrl = url.href;
            return { url: url.href, status: 200, body: STOPPED_PAGE, contentType: 'text/html' };
          }
        : undefined;
    const start = await startLogin(ctx, intercept);
    if (!start) return;
    // A provider session still alive sends the user agent straight back: it did reach the provider.
    const reached = atProvider() || (start.kind === 'page' && start.hops.some((u) => u.startsWith(`${idpOrigin}/`)));
    if (!reached) {
      ctx.obs.notes.push(`the app never sent the user agent to the provider (stayed at ${agent.url()})`);
      return;
    }
    if (step.stop === 'before-provider' || step.stop === 'at-provider') return;
    for (let n = 0; n < MAX_PROVIDER_PAGES && atProvider(); n++) {
      const pageForms = forms(agent.page.body);
      const signInForm = pageForms.find((f) => f.labels.Username !== undefined);
      const consent = pageForms.find((f) => f.buttons.some((b) => b.text === 'Allow'));
      const outcome = signInForm
        ? await agent.submit(signInForm, { [signInForm.labels.Username!]: user }, { timeoutMs: ctx.timeoutMs, button: 'Sign in' })
        : consent
          ? await agent.submit(consent, {}, { timeoutMs: ctx.timeoutMs, button: 'Allow' })
          : undefined;
      if (!outcome) break;
      noteOutcome(ctx, signInForm ? 'signing in at the provider' : 'allowing consent', outcome);
      if (outcome.kind !== 'page') return;
    }
    if (atProvider()) ctx.obs.notes.push(`the provider did not send the user agent back to the app (stayed at ${agent.url()})`);
  },
});

/**
 * The http login's first navigation: the login URL, or a click on the home page (a POST form with
 * a CSRF token, as OmniAuth 2 wants). Undefined when the home page itself did not load (noted).
 */
async function startLogin(ctx: StepContext<HttpAgent>, intercept: NavigateOptions['intercept']): Promise<NavOutcome | undefined> {
  const options = { timeoutMs: ctx.timeoutMs, ...(intercept ? { intercept } : {}) };
  if ('url' in ctx.login) {
    const start = await ctx.agent.navigate(ctx.url(ctx.login.url), options);
    noteOutcome(ctx, 'opening the login page', start);
    return start;
  }
  if ((await openOverHttp(ctx.appUrl, ctx, 'opening the home page')).kind !== 'page') return undefined;
  return clickOverHttp(ctx.login.click, ctx, 'starting the login', options);
}

/** The harness page a login stopped before the provider leaves the browser on. */
const STOPPED_TITLE = 'authfault stopped this login before the provider';
/** Shown over http where the provider's page would be (the browser shows STOPPED_TITLE). */
const STOPPED_PAGE = '<!doctype html><title>authfault</title><p>authfault stopped this login before the provider.</p>';
/** Login, consent, and a page more than a flow has: past this the provider is going round in circles. */
const MAX_PROVIDER_PAGES = 6;

/**
 * The browser's before-provider stop: the app's answers are fetched for the browser (cookies land
 * in its jar) until one sends it to the provider; that redirect is kept and the browser shown a
 * harness page instead, at the app's URL. Playwright cannot intercept a redirect's target, so the
 * app's side is walked here — with no timeout of its own: an app that never answers leaves the
 * page's load waiting, which the step's bounded goto notes, as the http agent's does. An app that
 * drops the connection fails the page's load.
 */
async function holdBeforeProvider(route: Route, ctx: StepContext<BrowserAgent>): Promise<void> {
  const { page } = ctx.agent;
  const request = route.request();
  if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return route.continue();
  try {
    let url = request.url();
    let response = await route.fetch({ maxRedirects: 0, timeout: 0 });
    for (let hop = 0; ; hop++) {
      const location = response.headers().location;
      const next = location !== undefined && response.status() >= 300 && response.status() < 400 ? new URL(location, url) : undefined;
      // The harness answers this navigation, so the page never sees the app's own hops: record them.
      if (next) ctx.obs.appResponses.push({ url, status: response.status(), ms: 0 });
      if (next?.origin === ctx.idpOrigin) {
        ctx.obs.authorizationUrl = next.href;
        ctx.obs.harnessPages.add(request.url());
        const body = `<!doctype html><title>authfault</title><h1>${STOPPED_TITLE}</h1><p>The app sent the browser to ${escapeHtml(next.origin + next.pathname)}.</p>`;
        return await route.fulfill({ status: 200, contentType: 'text/html', body });
      }
      if (!next || next.origin !== new URL(ctx.appUrl).origin || hop >= 10) return await route.fulfill({ response });
      url = next.href;
      response = await page.context().request.get(url, { maxRedirects: 0, timeout: 0 });
    }
  } catch {
    await route.abort('failed').catch(() => undefined);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function signIn(step: { user?: string; stop?: LoginStop }, ctx: StepContext<BrowserAgent>): Promise<void> {
  // Watched from before the login starts, so that a request of the app's page in flight is known as one.
  const network = watchNetwork(ctx.agent.page);
  try {
    await signInWatched(step, ctx, network);
  } finally {
    network.stop();
  }
}

async function signInWatched(step: { user?: string; stop?: LoginStop }, ctx: StepContext<BrowserAgent>, network: NetworkWatch): Promise<void> {
  const { idpOrigin, timeoutMs: timeout } = ctx;
  const { page } = ctx.agent;
  const user = step.user ?? ctx.defaultUser;
  // Every wait is bounded by the step's timeout; a load still waiting then is the app's (or the
  // provider's) behaviour, noted, and the login goes no further — as over http.
  const opened = await openInBrowser('url' in ctx.login ? ctx.url(ctx.login.url) : ctx.appUrl, ctx, 'opening the login page');
  if (opened === 'waiting') return;
  if ('click' in ctx.login && (await clickInBrowser(locate(page, ctx.login.click).first(), ctx, 'starting the login'))) return;
  if (step.stop === 'before-provider') {
    await page.waitForLoadState('load', { timeout }).catch(noteFailure(ctx, 'loading the app’s login'));
    if (!ctx.obs.authorizationUrl) ctx.obs.notes.push(`the app never sent the browser to the provider (stayed at ${page.url()})`);
    return;
  }
  // goto already followed the app's redirects. An app may still send the browser on by script:
  // the wait ends when the browser is at the provider, when the app's page has gone quiet, or as
  // soon as it has loaded a page that can go nowhere by itself (network-quiet.ts: an error page
  // without a script), and within a grace period at most.
  const grace = Math.min(timeout, 2000);
  const here = () => new URL(page.url()).origin === idpOrigin;
  const atProvider = page.waitForURL((url) => url.origin === idpOrigin, { timeout: grace, waitUntil: 'domcontentloaded' }).then(() => true, () => false);
  const stoppedActing = new Promise<boolean>((resolve) => void network.inert(grace).then((inert) => inert && resolve(here())));
  const reached = await Promise.race([atProvider, network.quiet(grace).then(here), stoppedActing]);
  // Under load the redirect chain can outlast the grace period: once the load settles, the page
  // may yet rest on the provider's origin, and then the person signs in as usual.
  if (!reached) {
    await page.waitForLoadState('load', { timeout }).catch(() => undefined);
  }
  if (!reached && new URL(page.url()).origin !== idpOrigin) {
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
    await page.waitForLoadState('load', { timeout }).catch(noteFailure(ctx, 'loading the provider’s page'));
    return;
  }
  const username = page.getByLabel('Username');
  if (await username.isVisible()) {
    await username.fill(user, { timeout });
    if (await clickInBrowser(page.getByRole('button', { name: 'Sign in', exact: true }), ctx, 'signing in at the provider')) return;
  }
  const allow = page.getByRole('button', { name: 'Allow' });
  await page.waitForURL((url) => url.origin !== idpOrigin || url.pathname.includes('/interaction/'), { timeout, waitUntil: 'commit' }).catch(() => undefined);
  if (new URL(page.url()).origin === idpOrigin && (await allow.isVisible()) && (await clickInBrowser(allow, ctx, 'allowing consent'))) return;
  const back = await page.waitForURL((url) => url.origin !== idpOrigin, { timeout, waitUntil: 'load' }).then(() => true, () => false);
  // Back in the app but its page still loading is not the provider's doing.
  if (!back && new URL(page.url()).origin === idpOrigin) ctx.obs.notes.push(`the provider did not send the browser back to the app (stayed at ${page.url()})`);
}
