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

  it('reads a UTF-8 form: a new name (non-ASCII) signs in as a user made with default claims, a blank one is refused', async () => {
    const { ua, action } = await loginForm();
    const blank = await ua.post(action, { form: { username: '  ' }, maxRedirects: 0 });
    expect(blank.status()).toBe(400);
    expect(await blank.text()).toContain('Enter a user name: any name signs in.');
    const fresh = await ua.post(action, { form: { username: 'zoë' }, maxRedirects: 0 });
    expect(fresh.status()).toBe(303);
    expect(idp.users.get('zoë')).toEqual({ id: 'zoë', name: 'Zoë', given_name: 'Zoë', email: 'zoë@example.com', email_verified: true });
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
