import type { Page, Request, Response } from '@playwright/test';

/**
 * How long a page must have had no request in flight, and started or ended none, to count as
 * quiet: the span Playwright's own "networkidle" waits. A page that sends the browser on by script
 * does so as it loads or right after a request of its own ends (its config fetched, say), not
 * half a second later on a quiet network.
 */
export const QUIET_MS = 500;

/**
 * A document that cannot act by itself: no script element (HTML or SVG), no event handler
 * attribute (`<body onload>` auto-submits many a form_post page), no refresh, no frame or plugin
 * that could run one of its own.
 */
const INERT_DOCUMENT = `document.querySelector('script, meta[http-equiv="refresh" i], iframe, frame, object, embed') === null
  && !Array.from(document.querySelectorAll('*')).some((el) => Array.from(el.attributes).some((a) => a.name.toLowerCase().startsWith('on')))`;

export interface NetworkWatch {
  /**
   * Resolves true once the page has been quiet for QUIET_MS, false when `maxMs` pass first (a
   * request that never ends, an event stream, a page that keeps loading).
   */
  quiet(maxMs: number): Promise<boolean>;
  /**
   * Resolves true once the page has loaded a document that cannot send the browser anywhere by
   * itself — no script or event handler, no frame or plugin, no refresh (meta or header) — and false when it has
   * one, or `maxMs` pass first. Such a page has stopped acting as soon as it loads: nothing but the
   * person can take it further, so no quiet period need be waited out.
   */
  inert(maxMs: number): Promise<boolean>;
  stop(): void;
}

/**
 * Watch a page's requests from now on, every frame's, redirects and all (Playwright ends a
 * redirected request and starts its next hop), so a wait that is there for a page that may still
 * act can end on the evidence that it has stopped acting. Start it before the action whose
 * aftermath is waited for: a request started before the watch is not known to be in flight.
 */
export function watchNetwork(page: Page, quietMs = QUIET_MS): NetworkWatch {
  const inFlight = new Set<Request>();
  let last = Date.now();
  let wake: (() => void) | undefined;
  const touch = () => {
    last = Date.now();
    wake?.();
  };
  const started = (request: Request) => {
    inFlight.add(request);
    touch();
  };
  const ended = (request: Request) => {
    inFlight.delete(request);
    touch();
  };
  // The main frame's last document (each hop of a redirect is a request of its own, the last one
  // asked for is the page's): its Refresh header is not in the page for a script to read.
  let lastDocument: Promise<Response | null> | undefined;
  const navigated = (request: Request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) lastDocument = request.response();
  };
  page.on('request', navigated);
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return {
    async quiet(maxMs) {
      const deadline = Date.now() + maxMs;
      for (;;) {
        const now = Date.now();
        if (inFlight.size === 0 && now - last >= quietMs) return true;
        if (now >= deadline) return false;
        const until = inFlight.size === 0 ? Math.min(last + quietMs, deadline) : deadline;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, until - now);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    },
    async inert(maxMs) {
      const loaded = await page.waitForLoadState('load', { timeout: maxMs }).then(() => true, () => false);
      if (!loaded) return false;
      const inPage = await page
        .evaluate(INERT_DOCUMENT)
        .then((yes) => yes === true)
        // A navigation under way replaced the document being read: it is acting.
        .catch(() => false);
      if (!inPage) return false;
      const response = await (lastDocument ?? Promise.resolve(null)).catch(() => null);
      // A request in flight, or a navigation begun since this document (a refresh that already
      // fired: its request is not the page's document yet), is the page acting.
      if (!response || inFlight.size > 0 || response.url() !== page.url()) return false;
      const headers = await response.allHeaders().catch(() => undefined);
      return headers !== undefined && headers['refresh'] === undefined;
    },
    stop() {
      page.off('request', navigated);
      page.off('request', started);
      page.off('requestfinished', ended);
      page.off('requestfailed', ended);
    },
  };
}
