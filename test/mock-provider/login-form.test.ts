import { request } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { authorizationRequest } from '../helpers/authorization-request.js';

const REDIRECT = 'http://127.0.0.1:9/cb';

/** The provider's login form, read without body-parser (mock-provider/interactions/form-body.ts). */
describe('the login form', () => {
  let idp: MockProviderHandle;
  beforeAll(async () => {
    idp = await createMockProvider({ clients: [{ client_id: 'app', client_secret: 's', redirect_uris: [REDIRECT] }] });
  });
  afterAll(() => idp.close());

  /** The login form's action for a fresh authorization request, with the user agent holding its cookies. */
  async function loginForm() {
    const ua = await request.newContext();
    const { url } = await authorizationRequest(idp.issuer, 'app', REDIRECT);
    const page = await ua.get(url.href);
    const action = /<form method="post" action="([^"]+)"/.exec(await page.text())![1]!.replace(/&#47;/g, '/');
    return { ua, action: new URL(action, page.url()).href };
  }

  it('reads a UTF-8 form: an unknown user (non-ASCII) is named back, a known one is signed in', async () => {
    const { ua, action } = await loginForm();
    const unknown = await ua.post(action, { form: { username: 'zoë' }, maxRedirects: 0 });
    expect(unknown.status()).toBe(400);
    expect(await unknown.text()).toMatch(/Unknown user (&quot;|&#34;|")zoë(&quot;|&#34;|"). Known users: alice, bob/);
    const known = await ua.post(action, { form: { username: 'alice' }, maxRedirects: 0 });
    expect(known.status()).toBe(303);
    await ua.dispose();
  });

  it('refuses a form far larger than a login form with 413, and says why', async () => {
    const { ua, action } = await loginForm();
    const res = await ua.post(action, { form: { username: 'alice', padding: 'x'.repeat(64 * 1024) }, maxRedirects: 0 });
    expect(res.status()).toBe(413);
    expect(await res.text()).toMatch(/larger than 16384 bytes/);
    await ua.dispose();
  });
});
