import type { Observations } from '../drivers/observations.js';
import type { UserAgent } from '../drivers/user-agent.js';

/** The browser as the last step left it: what the page-bound expectations are judged on. */
export interface PageSnapshot {
  /** Where the browser ended. */
  url: string;
  /** The page's visible text. */
  text: string;
  /** The last page the app served the person: a redirect is not a page, a parallel tab not theirs. */
  lastPage?: { url: string; status: number };
  /** Names of the cookies the browser holds for the app. */
  cookies: string[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Taken before the harness opens any page of its own (detecting sign-in may open the home page). */
export async function snapshotPage(page: UserAgent, obs: Observations, appUrl: string): Promise<PageSnapshot> {
  const lastPage = obs.appResponses.filter((r) => !r.parallel && !REDIRECTS.has(r.status)).at(-1);
  return {
    url: page.url(),
    text: await page.text(),
    ...(lastPage ? { lastPage: { url: lastPage.url, status: lastPage.status } } : {}),
    cookies: await page.cookieNames(appUrl),
  };
}
