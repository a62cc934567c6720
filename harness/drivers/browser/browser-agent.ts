import type { Page, Request } from '@playwright/test';
import type { AgentSetup, UserAgent } from '../user-agent.js';

/** The browser driver's user agent: a Playwright page, watched as the person sees it. */
export interface BrowserAgent extends UserAgent {
  readonly name: 'browser';
  readonly page: Page;
  /** Record what another page of the same context shows (a `parallel` step's tabs). */
  watch(tab: Page): void;
}

/**
 * The page a scenario runs on, watched from now on. Its text is read once per state of the page
 * — the judge reads it for several expectations in a row — and read again after a step's
 * action, an opened page, or a navigation the page made by itself.
 */
export function openBrowserAgent(page: Page, setup: AgentSetup): BrowserAgent {
  watchPage(page, setup);
  let text: Promise<string> | undefined;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) text = undefined;
  });
  const act = <T>(action: () => Promise<T>): Promise<T> => {
    text = undefined;
    return action().finally(() => (text = undefined));
  };
  return {
    name: 'browser',
    page,
    watch: (tab) => watchPage(tab, setup, { parallel: true }),
    act,
    url: () => page.url(),
    // In the page's own world: a locator's first use on a new document injects Playwright's
    // script first, about 50 ms a page here, for the same innerText.
    text: () => (text ??= page.evaluate('document.body ? document.body.innerText : ""').then((t) => String(t), () => '')),
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
