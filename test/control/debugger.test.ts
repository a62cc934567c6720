import type { Browser, Page } from '@playwright/test';
import { expect as pw } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';

/**
 * "Try a sign-in" at /__authfault/debugger in real Chromium, the way a developer uses it before
 * wiring an app: pick a client, sign in at the provider, read what came back.
 */
describe.each([
  ['HTTP', false],
  ['HTTPS (the page on the front channel)', true],
])('the debugger at /__authfault/debugger over %s', (_name, https) => {
  let idp: MockProviderHandle;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    idp = await createMockProvider({
      https,
      clients: [
        // Strict clients whose own redirect URIs are elsewhere: the debugger's page is accepted for every client.
        { client_id: 'shop', client_secret: 'shop-secret', redirect_uris: ['http://localhost:3000/callback'] },
        { client_id: 'spa', public: true, redirect_uris: ['http://localhost:5173/callback'] },
      ],
    });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await idp?.close();
  });
  afterEach(async () => {
    idp.faults.clear();
    await page?.context().close();
    expect(problems.splice(0)).toEqual([]);
  });

  async function open(): Promise<Page> {
    const context = await browser.newContext({ ignoreHTTPSErrors: https });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(`${idp.admin}/debugger`);
    await pw(page.getByLabel('Client')).toContainText('shop');
    return page;
  }

  it('runs a confidential client\'s code flow: the request, the callback, the tokens decoded, userinfo', async () => {
    await open();
    await page.getByLabel('Client').selectOption('shop');
    await page.getByRole('button', { name: 'Start sign-in' }).click();
    await page.getByRole('button', { name: 'Sign in as alice' }).click();
    await pw(page.getByLabel('Userinfo response')).toContainText('"email": "alice@example.com"');
    expect(new URL(page.url()).href).toBe(`${idp.admin}/debugger`);
    const request = page.getByRole('table', { name: 'Authorization request parameters' });
    await pw(request.getByRole('row', { name: /client_id/ })).toContainText('shop');
    await pw(request.getByRole('row', { name: /code_challenge_method/ })).toContainText('S256');
    await pw(request.getByRole('row', { name: /redirect_uri/ })).toContainText(`${idp.admin}/debugger`);
    await pw(page.getByRole('table', { name: 'Callback parameters' }).getByRole('row', { name: /^code/ })).toBeVisible();
    const checks = page.getByRole('list', { name: 'Callback checks' });
    await pw(checks).toContainText('✓ state matches the request this page sent');
    await pw(checks).toContainText(`✓ iss ${idp.issuer} is the issuer`);
    await pw(checks).toContainText('✓ the ID token\'s nonce matches the request\'s');
    await pw(page.getByLabel('Token response')).toContainText('"refresh_token"');
    const idToken = JSON.parse((await page.getByLabel('ID token (decoded)').textContent())!) as { header: { alg: string }; claims: { sub: string; aud: string; iss: string } };
    expect(idToken).toMatchObject({ header: { alg: 'RS256' }, claims: { sub: 'alice', aud: 'shop', iss: idp.issuer } });
    await pw(page.getByLabel('Access token (decoded)')).toContainText('opaque');
    const tokens = idp.journal.entries().filter((e) => e.endpoint === 'token');
    expect(tokens.at(-1)).toMatchObject({ status: 200, clientId: 'shop' });
  });

  it('runs a public client with PKCE only, signing in a name nobody configured', async () => {
    await open();
    await page.getByLabel('Client').selectOption('spa');
    await page.getByLabel('Login hint').fill('carol');
    await page.getByRole('button', { name: 'Start sign-in' }).click();
    await pw(page.getByLabel('Username')).toHaveValue('carol');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await pw(page.getByLabel('Userinfo response')).toContainText('"email": "carol@example.com"');
    await pw(page.getByLabel('ID token (decoded)')).toContainText('"name": "Carol"');
  });

  it('shows a fault at work: a tampered state is caught, and no token is asked for', async () => {
    await idp.faults.add({ kind: 'state.tampered' });
    await open();
    const since = idp.journal.lastId;
    await page.getByRole('button', { name: 'Start sign-in' }).click();
    await page.getByRole('button', { name: 'Sign in as bob' }).click();
    await pw(page.getByRole('list', { name: 'Callback checks' })).toContainText('✗ no request of this page has this state');
    await pw(page.getByRole('region', { name: 'Tokens' })).toBeHidden();
    expect(idp.journal.entries(since).filter((e) => e.endpoint === 'token')).toEqual([]);
  });
});
