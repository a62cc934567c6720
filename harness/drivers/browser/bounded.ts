import type { Page, Request } from '@playwright/test';

/** How a bounded action ended: done (with what it returned), or the page it loads still waiting for an answer from `waiting` when its time ran out. */
export type Bounded<T = unknown> = { done: T; waiting?: undefined } | { waiting: string };

/**
 * Run an action of the person's page that may load a page — a click, a goto, a reload — under
 * the timeout the caller gave Playwright. Playwright waits for the navigation an action starts
 * (a click waits for it to commit, a goto for its load): when the app or the provider never
 * answers, that wait is what runs out. Such a timeout is the behaviour under test, not a broken
 * step: it is returned as `waiting`, with the URL still waiting (the last hop of the redirect
 * chain), and the load goes on in the page, as it would in a person's tab — the runner judges it
 * as a pending load (obs.pending). A timeout with no load under way (a button that never
 * appeared) is the step's own failure, and thrown as Playwright threw it, as is any other error.
 * (Known by its name: the step table is loaded without Playwright, to validate scenario files.)
 */
export async function bounded<T>(page: Page, action: () => Promise<T>): Promise<Bounded<T>> {
  const started: Request[] = [];
  const ended = new Set<Request>();
  const main = (r: Request) => r.isNavigationRequest() && r.frame() === page.mainFrame();
  const onRequest = (r: Request) => void (main(r) && started.push(r));
  const onEnd = (r: Request) => void ended.add(r);
  const onResponse = (response: { request(): Request }) => onEnd(response.request());
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('requestfailed', onEnd);
  try {
    return { done: await action() };
  } catch (error) {
    const last = started.at(-1);
    if ((error as Error)?.name === 'TimeoutError' && last && !ended.has(last)) return { waiting: last.url() };
    throw error;
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
    page.off('requestfailed', onEnd);
  }
}
