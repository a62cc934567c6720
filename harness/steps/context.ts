import type { Page, Request } from '@playwright/test';
import type { FaultView, MockProviderHandle } from '../../mock-provider/common.js';
import type { ClickTarget } from '../scenario/types.js';

/** A main-frame document response from the app: what the person was shown, and how long it took. */
export interface AppResponse {
  url: string;
  status: number;
  /** From the browser sending the request to the response's headers arriving. */
  ms: number;
  /** Loaded by a `parallel` step's extra tab rather than the person's page. */
  parallel?: true;
}

/** What the browser showed the person, gathered while steps run; the judge reads it afterwards. */
export interface Observations {
  appResponses: AppResponse[];
  /** Navigations that got no response at all (reset, refused, aborted), and how long the browser had waited. */
  navigationFailures: { url: string; error: string; ms: number }[];
  /** Main-frame navigations to the app still waiting for an answer: when each was sent (epoch ms). */
  pending: Map<Request, { url: string; sentAt: number }>;
  /** Notes from steps ("the login never reached the provider"), in plain words. */
  notes: string[];
  /** The last URL that came back to the app from the provider (the callback), for replay. */
  lastCallbackUrl?: string;
  /** The authorization request a `login: { stop: before-provider }` kept from the provider. */
  authorizationUrl?: string;
  /** URLs whose next response is the harness's own page, not the app's: left out of appResponses. */
  harnessPages: Set<string>;
  /** The journal's last id when each step began: step i caused the entries after stepMarks[i]. */
  stepMarks: number[];
  /** Each set-faults / clear-faults: when (epoch ms), and the faults it retired with their counters. */
  faultChanges: { at: number; retired: FaultView[] }[];
  /** For recovers-within: when, after which step (0-based), the page showed the signed-in sign. */
  signedInSeen: { at: number; step: number }[];
}

/** How the `logout` step signs out, from the target config. */
export type LogoutRule = { url: string } | { click: ClickTarget };

/** Everything a step may use. Steps are small functions of (step, context). */
export interface StepContext {
  page: Page;
  idp: MockProviderHandle;
  /** Where the browser meets the provider: its front channel with HTTPS, else its origin. */
  idpOrigin: string;
  /** The app's base URL, e.g. http://127.0.0.1:41000 */
  appUrl: string;
  /** Resolve a URL template from the target config ({app}, {issuer}, …) or a path relative to the app. */
  url(template: string): string;
  /** Named pages from the target config, resolved. */
  pages: Record<string, string>;
  login: { url?: string; click?: ClickTarget };
  logout: LogoutRule;
  defaultUser: string;
  obs: Observations;
  /** The journal's last id before the scenario began: the scenario's entries come after it. */
  journalSince: number;
  /** Record what another page of the same context shows (a `parallel` step's tabs). */
  watch(page: Page): void;
  /** Navigation and expectation timeout for one step, ms. */
  timeoutMs: number;
}

export function newObservations(): Observations {
  return { appResponses: [], navigationFailures: [], pending: new Map(), notes: [], harnessPages: new Set(), stepMarks: [], faultChanges: [], signedInSeen: [] };
}

/**
 * Record what the person sees: every main-frame document response from the app, timed from the
 * browser's side (the only honest measure of whether the app gave up on a hung provider).
 */
export function watchPage(page: Page, appUrl: string, idpOrigin: string, obs: Observations, options: { parallel?: boolean } = {}): void {
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

/** A failed navigation is the app's behaviour (a reset, a hang): noted for the judge, not thrown. */
export function noteFailure(ctx: StepContext, what: string) {
  return (error: Error) => {
    ctx.obs.notes.push(`${what} failed: ${error.message.split('\n')[0]}`);
  };
}
