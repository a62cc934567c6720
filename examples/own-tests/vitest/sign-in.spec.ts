/**
 * The app's integration tests with vitest and supertest: authfault's provider is the issuer, and
 * the login is driven without a browser through the provider's own login form.
 */
import { createMockProvider, type MockProviderHandle } from 'authfault';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';

// The address the app believes it has. supertest never opens it: it hands each request to the
// app directly, so the provider only needs it registered as the redirect URI.
const APP_URL = 'http://127.0.0.1:3000';
const CLIENT = { client_id: 'shop', client_secret: 'shop-secret', redirect_uris: [`${APP_URL}/callback`] };

let idp: MockProviderHandle;
let app: Express;

beforeAll(async () => {
  idp = await createMockProvider({ clients: [CLIENT] });
  app = createApp({ issuer: idp.issuer, clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret, url: APP_URL });
});
afterEach(() => idp.faults.clear());
afterAll(() => idp.close());

/** Start the app's login, sign in at the provider as `username`, and hand the callback to the app. */
async function signIn(username: string) {
  const browser = request.agent(app); // keeps the app's cookies, as a browser would
  const login = await browser.get('/login').expect(302);
  const callback = await signInAtProvider(login.headers.location!, username);
  const response = await browser.get(callback.pathname + callback.search);
  return { browser, response };
}

/**
 * Follow the provider's redirects until they leave it, answering its login page on the way: the
 * page at /interaction/<uid> posts a `username` to /interaction/<uid>/login.
 */
async function signInAtProvider(authorizationUrl: string, username: string): Promise<URL> {
  const browser = request.agent(idp.origin); // keeps the provider's cookies between hops
  let url = new URL(authorizationUrl);
  let response = await browser.get(url.pathname + url.search);
  for (let hop = 0; hop < 10; hop++) {
    if (response.status === 200 && /\/interaction\/[^/]+$/.test(url.pathname)) {
      url = new URL(`${url.pathname}/login`, url);
      response = await browser.post(url.pathname).type('form').send({ username });
    } else if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.location!, url);
      if (url.origin !== idp.origin) return url;
      response = await browser.get(url.pathname + url.search);
    } else {
      throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${response.text.slice(0, 200)}`);
    }
  }
  throw new Error('the provider never redirected back to the app');
}

describe('signing in with OpenID Connect', () => {
  it('signs alice in', async () => {
    const { browser, response } = await signIn('alice');
    expect(response.status).toBe(302);
    await browser.get('/').expect(200, /Signed in as Alice Example/);
  });

  it('refuses a callback whose state was tampered with, and never redeems the code', async () => {
    await idp.faults.add({ kind: 'state.tampered' });
    const since = idp.journal.lastId;
    const { browser, response } = await signIn('alice');
    expect(response.status).toBe(400);
    expect(response.text).toContain('Sign-in failed');
    expect(response.text).toContain('OAUTH_INVALID_RESPONSE: invalid response encountered: unexpected "state" response parameter value');
    await browser.get('/').expect(200, /Not signed in/);
    const requests = idp.journal.entries(since);
    expect(requests.filter((e) => e.endpoint === 'token')).toEqual([]);
    expect(requests.flatMap((e) => e.faults.map((f) => f.kind))).toEqual(['state.tampered']);
  });

  it('refuses an expired id_token', async () => {
    await idp.faults.add({ kind: 'token.expired', token: 'id_token' });
    const { browser, response } = await signIn('alice');
    expect(response.status).toBe(400);
    expect(response.text).toContain('OAUTH_JWT_TIMESTAMP_CHECK_FAILED: JWT timestamp claim value failed validation');
    await browser.get('/').expect(200, /Not signed in/);
  });

  it('starts every test without the faults of the one before', async () => {
    expect(idp.faults.list()).toEqual([]);
    const { response } = await signIn('bob');
    expect(response.status).toBe(302);
  });
});
