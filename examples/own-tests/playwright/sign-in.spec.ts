/**
 * The app's own Playwright tests, with authfault's provider as its issuer: one provider and one
 * app per worker; faults set in a test are gone before the next one.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test as authfault, expect } from 'authfault/playwright';
import { createApp } from '../app.js';

const CLIENT = { client_id: 'shop', client_secret: 'shop-secret' };

// The app listens before the provider starts, so the provider can register its callback URL,
// and begins answering once the provider's issuer is known.
const test = authfault.extend<object, { appServer: Server; appUrl: string }>({
  appServer: [
    async ({}, use) => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await use(server);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],
  idpOptions: [
    async ({ idpOptions, appServer }, use) => {
      await use({ ...idpOptions, clients: [{ ...CLIENT, redirect_uris: [`${originOf(appServer)}/callback`] }] });
    },
    { scope: 'worker' },
  ],
  appUrl: [
    async ({ appServer, idp }, use) => {
      const url = originOf(appServer);
      appServer.on('request', createApp({ issuer: idp.issuer, clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret, url }));
      await use(url);
    },
    { scope: 'worker' },
  ],
});

function originOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('signs alice in', async ({ page, appUrl, idp }) => {
  expect(idp.seed).toBe('own-tests'); // from the project's idpOptions in playwright.config.ts
  await page.goto(appUrl);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign in as alice' }).click();
  await expect(page.getByRole('heading')).toHaveText('Signed in as Alice Example');
});

test('refuses a callback whose state was tampered with', async ({ page, appUrl, faults }) => {
  await faults.add({ kind: 'state.tampered' });
  await page.goto(`${appUrl}/login`);
  await page.getByLabel('Username').fill('alice');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading')).toHaveText('Sign-in failed');
  await expect(page.getByText('unexpected "state" response parameter value')).toBeVisible();
  expect(faults.journal('token')).toEqual([]); // the app never redeemed the code
  expect(faults.list()).toMatchObject([{ kind: 'state.tampered', applied: 1 }]);
  await page.goto(appUrl);
  await expect(page.getByRole('heading')).toHaveText('Not signed in');
});

// Tests of one file run in order on one worker: this one meets the provider the test above used.
test('starts without the faults of the test before', async ({ page, appUrl, faults, idp }) => {
  expect(idp.journal.entries().some((entry) => entry.faults.some((f) => f.kind === 'state.tampered'))).toBe(true);
  expect(faults.list()).toEqual([]);
  await page.goto(`${appUrl}/login`);
  await page.getByRole('button', { name: 'Sign in as alice' }).click();
  await expect(page.getByRole('heading')).toHaveText('Signed in as Alice Example');
  const requests = faults.journal();
  expect(requests[0]).toMatchObject({ endpoint: 'authorize' }); // this test's requests only
  expect(requests.flatMap((entry) => entry.faults)).toEqual([]);
  expect(faults.journal('token')).toHaveLength(1);
});
