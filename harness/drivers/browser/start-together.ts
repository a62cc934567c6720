import type { Page, Route } from '@playwright/test';

/**
 * How long the first of the tabs' requests waits for the others before all go anyway: a tab whose
 * navigation failed before its request left must not hold the others for the step's whole timeout.
 */
export const START_TOGETHER_MAX_WAIT_MS = 2_000;

/**
 * Hold each tab's first request for `url` (its main-frame navigation) until every tab's has been
 * made, then let them all go at once (or after `maxWaitMs` from the first, if some never come).
 *
 * Why: `goto` on n tabs is n round trips to Chromium, so the requests leave 15–60 ms apart, and
 * an app's first refresh (one token request to a provider on the same machine) can finish inside
 * that spread: the later loads then see a fresh token, and whether an app that refreshes without
 * a lock is caught depends on how fast it is. Released together, the requests leave within a few
 * milliseconds of each other, as a page's parallel calls do.
 *
 * Returns `release`, to be called when the loads are over: it removes the routes (routing turns
 * Chromium's cache off for the tab) and lets go any request still held.
 */
export async function startTogether(tabs: readonly Page[], url: string, maxWaitMs = START_TOGETHER_MAX_WAIT_MS): Promise<() => Promise<void>> {
  const wanted = new URL(url).href;
  const held: Route[] = [];
  let released = false;
  let timer: NodeJS.Timeout | undefined;
  const releaseAll = () => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    for (const route of held.splice(0)) void route.continue().catch(() => undefined);
  };
  const first = new WeakSet<Page>();
  const handlers = tabs.map((tab) => {
    const handler = async (route: Route) => {
      const request = route.request();
      // Only the tab's first navigation request is held: redirects and the page's sub-resources
      // (and everything after the release) go straight on.
      if (released || first.has(tab) || !request.isNavigationRequest() || request.frame() !== tab.mainFrame()) {
        await route.continue().catch(() => undefined);
        return;
      }
      first.add(tab);
      held.push(route);
      if (held.length === 1) timer = setTimeout(releaseAll, maxWaitMs);
      if (held.length === tabs.length) releaseAll();
    };
    return { tab, handler };
  });
  const matches = (u: URL) => u.href === wanted;
  await Promise.all(handlers.map(({ tab, handler }) => tab.route(matches, handler)));
  return async () => {
    releaseAll();
    await Promise.all(handlers.map(({ tab, handler }) => tab.unroute(matches, handler).catch(() => undefined)));
  };
}
