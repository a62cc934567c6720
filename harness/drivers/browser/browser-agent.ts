import { setTimeout as sleep } from 'node:timers/promises';
import type { Page, Request } from '@playwright/test';
import { SETTLE_BEFORE_READING_MS, type AgentSetup, type UserAgent } from '../user-agent.js';

/** The browser driver's user agent: a Playwright page, watched as the person sees it. */
export interface BrowserAgent extends UserAgent {
  readonly name: 'browser';
  readonly page: Page;
  /** Record what another page of the same context shows (a `parallel` step's tabs). */
  watch(tab: Page): void;
  /**
   * Until the page's load in progress ends, or `ms` passes; then a load still waiting is
   * stopped, as a person presses Stop. Chromium lets nothing read or touch a page whose
   * navigation is still waiting (even the DevTools protocol waits for it), so a page is read,
   * or searched for something to click, only once this has returned.
   */
  idle(ms: number): Promise<void>;
}

/** Reading a page is bounded too: a page held by a dialog (alert) never answers. */
const READ_TIMEOUT_MS = 5000;

/**
 * The page a scenario runs on, watched from now on. Its text is read once per state of the page
 * — the judge reads it for several expectations in a row — and read again after a step's
 * action, an opened page, or a navigation the page made by itself.
 */
export function openBrowserAgent(page: Page, setup: AgentSetup): BrowserAgent {
  watchPage(page, setup);
  let text: Promise<string> | undefined;
  let loading: Request | undefined;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) text = undefined;
  });
  const mainNavigation = (request: Request) => request.isNavigationRequest() && request.frame() === page.mainFrame();
  page.on('request', (request) => {
    if (mainNavigation(request)) loading = request;
  });
  const ended = (request: Request) => {
    if (request === loading) loading = undefined;
  };
  // A redirect's response is followed by the next hop's request: the load goes on.
  page.on('response', (response) => {
    if (!(response.status() >= 300 && response.status() < 400 && response.headers().location)) ended(response.request());
  });
  page.on('requestfailed', ended);
  const idle = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (loading && Date.now() < deadline) await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
    if (!loading) return;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.stopLoading').finally(() => cdp.detach().catch(() => undefined));
    loading = undefined;
  };
  const act = <T>(action: () => Promise<T>): Promise<T> => {
    text = undefined;
    return action().finally(() => (text = undefined));
  };
  const read = async () => {
    await idle(SETTLE_BEFORE_READING_MS);
    // In the page's own world: a locator's first use on a new document injects Playwright's
    // script first, about 50 ms a page here, for the same innerText.
    const shown = page.evaluate('document.body ? document.body.innerText : ""').then((t) => String(t), () => '');
    return Promise.race([shown, sleep(READ_TIMEOUT_MS, '')]);
  };
  return {
    name: 'browser',
    page,
    watch: (tab) => watchPage(tab, setup, { parallel: true }),
    act,
    idle,
    url: () => page.url(),
    text: () => (text ??= read()),
    cookieNames: async (url) => (await page.context().cookies(url)).map((c) => c.name),
    open: (url, timeoutMs) => act(() => page.goto(url, { timeout: timeoutMs }).then(() => true, () => false)),
    close: async () => {},
  };
}

/**
 * Record what the person sees: every main-frame document response from the app, timed from the
 * browser's side (the only honest measure of whether the app gave up on a hung provider).
 */
function watchPage(page: Page, { appUrl, idpOrigin, obs }: AgentSetup, options: { parallel?: boolean } = {}): void {
  const appOrigin = new URL(appUrl).origin;
  const mainNavigation = (request: Request) => request.isNavigationRequest() && request.frame() === page.mainFrame();
  page.on('request', (request) => {
    if (mainNavigation(request) && new URL(request.url()).origin === appOrigin) obs.pending.set(request, { url: request.url(), sentAt: Date.now() });
  });
  page.on('response', (response) => {
    const request = response.request();
    if (!mainNavigation(request)) return;
    const url = new URL(response.url());
    if (url.origin !== appOrigin) return;
    const sent = obs.pending.get(request);
    obs.pending.delete(request);
    if (obs.harnessPages.delete(response.url())) return;
    obs.appResponses.push({ url: response.url(), status: response.status(), ms: sent ? Date.now() - sent.sentAt : 0, ...(options.parallel ? { parallel: true as const } : {}) });
    if (request.redirectedFrom()?.url().startsWith(idpOrigin)) obs.lastCallbackUrl = response.url();
  });
  page.on('requestfailed', (request) => {
    if (!mainNavigation(request)) return;
    const sent = obs.pending.get(request);
    obs.pending.delete(request);
    obs.navigationFailures.push({ url: request.url(), error: request.failure()?.errorText ?? 'failed', ms: sent ? Date.now() - sent.sentAt : 0 });
  });
}
