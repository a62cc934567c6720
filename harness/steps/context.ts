import type { Page } from '@playwright/test';
import type { MockProviderHandle } from '../../mock-provider/index.js';

/** What the browser showed the person, gathered while steps run; the judge reads it afterwards. */
export interface Observations {
  /** Main-frame document responses from the app: what the person was shown. */
  appResponses: { url: string; status: number }[];
  /** Navigations that got no response at all (reset, refused, aborted). */
  navigationFailures: { url: string; error: string }[];
  /** Notes from steps ("the login never reached the provider"), in plain words. */
  notes: string[];
  /** The last URL that came back to the app from the provider (the callback), for replay. */
  lastCallbackUrl?: string;
}

/** Everything a step may use. Steps are small functions of (step, context). */
export interface StepContext {
  page: Page;
  idp: MockProviderHandle;
  /** The app's base URL, e.g. http://127.0.0.1:41000 */
  appUrl: string;
  /** Resolve a URL template from the target config ({app}, {issuer}, …) or a path relative to the app. */
  url(template: string): string;
  /** Named pages from the target config, resolved. */
  pages: Record<string, string>;
  login: { url?: string; click?: { role?: string; name?: string; text?: string; selector?: string } };
  defaultUser: string;
  obs: Observations;
  /** Navigation and expectation timeout for one step, ms. */
  timeoutMs: number;
}

export function newObservations(): Observations {
  return { appResponses: [], navigationFailures: [], notes: [] };
}

/** Record what the person sees: every main-frame document response from the app. */
export function watchPage(page: Page, appUrl: string, idpOrigin: string, obs: Observations): void {
  const appOrigin = new URL(appUrl).origin;
  page.on('response', (response) => {
    const request = response.request();
    if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
    const url = new URL(response.url());
    if (url.origin !== appOrigin) return;
    obs.appResponses.push({ url: response.url(), status: response.status() });
    if (request.redirectedFrom()?.url().startsWith(idpOrigin)) obs.lastCallbackUrl = response.url();
  });
  page.on('requestfailed', (request) => {
    if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
    obs.navigationFailures.push({ url: request.url(), error: request.failure()?.errorText ?? 'failed' });
  });
}
