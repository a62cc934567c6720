import { request, type APIRequestContext } from '@playwright/test';

/**
 * A browserless user agent for provider tests: follows the authorization request through the
 * provider's login page (and consent when shown) up to the redirect back to the client, which it
 * returns instead of following.
 */
export async function loginThroughProvider(authorizationUrl: string, redirectUri: string, user = 'alice', decision: 'allow' | 'deny' = 'allow') {
  const ua = await request.newContext();
  try {
    let url = authorizationUrl;
    let method: 'GET' | 'POST' = 'GET';
    let form: Record<string, string> | undefined;
    for (let hop = 0; hop < 20; hop++) {
      const res = await ua.fetch(url, { method, maxRedirects: 0, ...(form ? { form } : {}) });
      form = undefined;
      method = 'GET';
      const location = res.headers().location;
      if (location) {
        const next = new URL(location, url).toString();
        if (next.startsWith(redirectUri)) return new URL(next);
        url = next;
        continue;
      }
      const html = await res.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`stuck at ${url} (${res.status()}): ${html.slice(0, 300)}`);
      url = new URL(action.replace(/&#47;/g, '/'), url).toString();
      method = 'POST';
      form = url.endsWith('/login') ? { username: user } : { decision };
    }
    throw new Error('too many redirects');
  } finally {
    await ua.dispose();
  }
}

export type { APIRequestContext };
