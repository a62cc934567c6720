import { request, type APIRequestContext } from '@playwright/test';

/** A page the user agent stopped at: the provider answered with content instead of a redirect. */
export interface Page {
  url: string;
  status: number;
  html: string;
}

/** Where one navigation ended: on a page of the provider, or at a redirect leaving for the client. */
export type Landing = { page: Page; redirect?: undefined } | { redirect: URL; page?: undefined };

/**
 * A browserless user agent that keeps its cookies between navigations, so a test can sign in,
 * come back with the same provider session, sign out, or watch a reset forget it. Redirects are
 * followed by hand so the one that leaves for the client (its redirect_uri) is returned, not followed.
 */
export class UserAgent {
  private constructor(private readonly ua: APIRequestContext) {}

  static async open(): Promise<UserAgent> {
    return new UserAgent(await request.newContext());
  }

  /** GET `url` and follow redirects until a page is answered or one leaves for `stopAt`. */
  visit(url: string, stopAt: string): Promise<Landing> {
    return this.#navigate(url, stopAt, 'GET');
  }

  /**
   * Submit the form of `page` whose action matches `action` (the first form when omitted), with its
   * hidden inputs and `fields`, as a browser does when a button with that name and value is clicked.
   */
  submit(page: Page, fields: Record<string, string>, stopAt: string, action?: RegExp): Promise<Landing> {
    const form = forms(page.html).find((f) => !action || action.test(f.action));
    if (!form) throw new Error(`no form${action ? ` with an action like ${action}` : ''} on ${page.url} (${page.status}): ${page.html.slice(0, 300)}`);
    return this.#navigate(new URL(form.action, page.url).href, stopAt, 'POST', { ...form.hidden, ...fields });
  }

  /**
   * Run an authorization request to its end: sign in as `user` when the login page shows, answer
   * the consent page with `decision`, and return the redirect back to the client.
   */
  async authorize(authorizationUrl: string, redirectUri: string, user = 'alice', decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
    let landing = await this.visit(authorizationUrl, redirectUri);
    for (let step = 0; step < 4 && landing.page; step++) {
      const { page } = landing;
      if (/\/login$/.test(forms(page.html)[0]?.action ?? '')) landing = await this.submit(page, { username: user }, redirectUri);
      else if (/\/consent$/.test(forms(page.html)[0]?.action ?? '')) landing = await this.submit(page, { decision }, redirectUri);
      else break;
    }
    if (!landing.redirect) throw new Error(`stuck at ${landing.page.url} (${landing.page.status}): ${landing.page.html.slice(0, 300)}`);
    return landing.redirect;
  }

  dispose(): Promise<void> {
    return this.ua.dispose();
  }

  async #navigate(url: string, stopAt: string, method: 'GET' | 'POST', form?: Record<string, string>): Promise<Landing> {
    let next = url;
    let verb = method;
    let body = form;
    for (let hop = 0; hop < 20; hop++) {
      const res = await this.ua.fetch(next, { method: verb, maxRedirects: 0, ...(body ? { form: body } : {}) });
      const location = res.headers().location;
      if (location && res.status() >= 300 && res.status() < 400) {
        const target = new URL(location, next);
        if (target.href.startsWith(stopAt)) return { redirect: target };
        next = target.href;
        verb = 'GET';
        body = undefined;
        continue;
      }
      return { page: { url: next, status: res.status(), html: await res.text() } };
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }
}

interface Form {
  action: string;
  hidden: Record<string, string>;
}

/** The forms of a page with their hidden inputs: enough HTML reading for the provider's own pages. */
export function forms(html: string): Form[] {
  const out: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const action = attribute(match[1]!, 'action');
    if (action === undefined) continue;
    const hidden: Record<string, string> = {};
    for (const input of match[2]!.matchAll(/<input\b([^>]*)>/g)) {
      if (attribute(input[1]!, 'type') !== 'hidden') continue;
      const name = attribute(input[1]!, 'name');
      if (name) hidden[name] = attribute(input[1]!, 'value') ?? '';
    }
    out.push({ action, hidden });
  }
  return out;
}

function attribute(tag: string, name: string): string | undefined {
  const value = new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined ? undefined : unescapeHtml(value);
}

export function unescapeHtml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
