import type { UserAgent } from '../drivers/user-agent.js';

export interface SignedInRule {
  text?: string;
  url?: string;
  cookie?: string;
}

/**
 * Whether the person is signed in, by the target config's rule. The current page is checked
 * first; when it does not show the sign, the app's home page is opened, because an app may leave
 * the person on any page after a callback. The same for every driver: it reads the PageView.
 */
export async function detectSignedIn(page: UserAgent, rule: SignedInRule, homeUrl: string, timeoutMs: number): Promise<{ signedIn: boolean; how: string }> {
  if (rule.cookie) {
    const found = (await page.cookieNames(homeUrl)).includes(rule.cookie);
    return { signedIn: found, how: found ? `the app set its session cookie "${rule.cookie}"` : `no "${rule.cookie}" cookie` };
  }
  const here = await showsSign(page, rule);
  if (here) return { signedIn: true, how: here };
  const opened = await page.open(homeUrl, timeoutMs);
  if (!opened) return { signedIn: false, how: `the app's home page ${homeUrl} did not open` };
  const home = await showsSign(page, rule);
  return home ? { signedIn: true, how: `${home} on the home page` } : { signedIn: false, how: describeMissing(rule) };
}

/** Whether the page as it is shows the sign (or the cookie is set), without opening any page. */
export async function showsSignedIn(page: UserAgent, rule: SignedInRule, appUrl: string): Promise<boolean> {
  if (rule.cookie) return (await page.cookieNames(appUrl)).includes(rule.cookie);
  return (await showsSign(page, rule)) !== undefined;
}

async function showsSign(page: UserAgent, rule: SignedInRule): Promise<string | undefined> {
  if (rule.url && page.url().includes(rule.url)) return `the browser is at ${page.url()}`;
  if (rule.text) {
    if ((await page.text()).includes(rule.text)) return `the page shows "${rule.text}"`;
  }
  return undefined;
}

function describeMissing(rule: SignedInRule): string {
  if (rule.text) return `no page showed "${rule.text}"`;
  return `the browser never reached ${rule.url}`;
}
