import type { Browser, Page } from '@playwright/test';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { discover } from '../helpers/authorization-request.js';

const SECRET = 'admin-page-secret-0123';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
/** Bounded waits for what the page shows through its event stream. */
const POLL = { timeout: 10_000, interval: 25 };

/**
 * The admin page in real Chromium, used the way a developer would: set a fault from the page,
 * watch a real client's request be changed by it in the live journal, remove it, edit a user.
 */
describe('the admin page at /__authfault in real Chromium', () => {
  let idp: MockProviderHandle;
  let browser: Browser;
  let page: Page;
  let oidc: client.Configuration;
  const problems: string[] = [];

  beforeAll(async () => {
    idp = await createMockProvider({
      seed: 'admin-page',
      clients: [{ client_id: 'app', client_secret: SECRET, redirect_uris: ['http://127.0.0.1:9/cb'] }],
      users: [{ id: 'alice', name: 'Alice Example' }, { id: 'mallory', name: HOSTILE, claims: { note: '</script><script>window.__pwned=2</script>' } }],
    });
    oidc = await discover(idp.issuer, 'app', SECRET);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()} ${message.location().url}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      // The event stream is cut when the page closes at the end; anything else failing is a problem.
      if (!request.url().endsWith('/events?since=0')) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
    });
    await page.goto(idp.admin);
    // The page is ready once its event stream is: kinds, users and clients are loaded first.
    await page.getByRole('status', { name: 'Live updates' }).filter({ hasText: /^live$/ }).waitFor({ timeout: POLL.timeout });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await idp?.close();
  });

  const journalRows = (text: string) => page.getByRole('table', { name: 'Journal' }).getByRole('row').filter({ hasText: text });
  const faultRows = () => page.getByRole('table', { name: 'Active faults' }).locator('tbody tr');

  it('says loudly that it is a mock, and shows the issuer, the kinds and the clients', async () => {
    expect(await page.title()).toBe('authfault admin · mock OpenID Provider');
    expect(await page.getByRole('banner').textContent()).toContain('MOCK — NOT FOR PRODUCTION.');
    expect(await page.locator('dd code').first().textContent()).toBe(idp.issuer);
    const options = await page.getByLabel('Kind').locator('option').allTextContents();
    expect(options).toContain('rate-limit');
    expect(options).toContain('state.tampered');
    expect(await page.getByRole('table', { name: 'Clients' }).locator('tbody tr').first().textContent()).toContain(SECRET);
  });

  it('shows user data as text, never as markup', async () => {
    const row = page.getByRole('table', { name: 'Users' }).locator('tbody tr', { hasText: 'mallory' });
    expect(await row.locator('td').nth(1).textContent()).toBe(HOSTILE);
    expect(await page.locator('#users img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('refuses a bad parameter with the server’s message and path, and sets nothing', async () => {
    await page.getByLabel('Kind').selectOption('rate-limit');
    await page.getByRole('group', { name: 'Parameters' }).getByLabel('limit').fill('-1');
    await page.getByRole('button', { name: 'Add fault' }).click();
    const alert = page.getByRole('alert', { name: 'Fault error' });
    await expect.poll(() => alert.textContent(), POLL).toContain('AUTHFAULT_FAULT_INVALID');
    expect(await alert.locator('li').allTextContents()).toEqual([expect.stringMatching(/^limit: /)]);
    expect(idp.faults.list()).toEqual([]);
  });

  it('adds a fault from the page; a real client’s token request refused by it appears in the live journal', async () => {
    await page.getByLabel('Kind').selectOption('rate-limit');
    await page.getByRole('group', { name: 'Parameters' }).getByLabel('limit').fill('0');
    await page.getByRole('group', { name: 'When' }).getByLabel('endpoint').selectOption('token');
    await page.getByRole('button', { name: 'Add fault' }).click();
    await expect.poll(() => faultRows().allTextContents(), POLL).toEqual([expect.stringContaining('rate-limit')]);
    expect(await page.getByRole('alert', { name: 'Fault error' }).textContent()).toBe('');
    const [fault] = idp.faults.list();
    expect(fault).toMatchObject({ kind: 'rate-limit', params: { limit: 0 }, when: { endpoint: ['token'] }, applied: 0 });

    const refused = await client.clientCredentialsGrant(oidc).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 429, error: 'temporarily_unavailable' });

    const row = journalRows(`rate-limit (${fault!.id})`);
    await expect.poll(() => row.count(), POLL).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(2, 7)).toEqual(['POST', 'token', '/default/token', 'app', '429']);
    expect(await row.getAttribute('class')).toBe('faulted');
    // The fault's counters follow the request, through the same stream.
    await expect.poll(() => faultRows().first().locator('td').nth(5).textContent(), POLL).toBe('1');
  });

  it('removes the fault from the page; the next request passes and shows up unchanged', async () => {
    const [fault] = idp.faults.list();
    await page.getByRole('button', { name: `Remove fault ${fault!.id}` }).click();
    await expect.poll(() => faultRows().allTextContents(), POLL).toEqual(['No faults set.']);
    expect(await (await fetch(`${idp.admin}/faults`)).json()).toEqual({ faults: [] });

    const before = idp.journal.lastId;
    expect((await client.clientCredentialsGrant(oidc)).access_token).toBeTruthy();
    const id = idp.journal.entries(before).find((e) => e.endpoint === 'token')!.id;
    const row = page.getByRole('table', { name: 'Journal' }).locator(`tr[data-id="${id}"]`);
    await expect.poll(() => row.locator('td').nth(6).textContent(), POLL).toBe('200');
    expect(await row.getAttribute('class')).toBeNull();
  });

  it('edits a user from the page; the provider has the new claims at once', async () => {
    await page.getByRole('button', { name: 'Edit user alice' }).click();
    const form = page.getByRole('form', { name: 'User' });
    expect(await form.getByRole('group').first().locator('legend').textContent()).toBe('Edit user alice');
    await form.getByLabel('roles').fill('admin, support');
    await form.getByLabel('claims').fill('{"department": "sales"}');
    await form.getByRole('button', { name: 'Save user' }).click();
    const row = page.getByRole('table', { name: 'Users' }).locator('tbody tr', { hasText: 'alice' });
    await expect.poll(() => row.locator('td').nth(3).textContent(), POLL).toBe('admin, support');
    expect(idp.users.get('alice')).toEqual({ id: 'alice', name: 'Alice Example', roles: ['admin', 'support'], claims: { department: 'sales' } });

    await form.getByLabel('claims').fill('{"department": ');
    await form.getByRole('button', { name: 'Save user' }).click();
    await expect.poll(() => page.getByRole('alert', { name: 'User error' }).textContent(), POLL).toContain('AUTHFAULT_USER_INVALID');
    expect(idp.users.get('alice')!.claims).toEqual({ department: 'sales' });
  });

  it('resets from the page: the journal empties', async () => {
    await page.getByRole('button', { name: 'Reset provider' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Journal' }).locator('tbody tr').count(), POLL).toBe(0);
    expect(idp.journal.entries()).toEqual([]);
  });

  it('lists the issuers — itself and each tenant, linked to the tenant’s own admin page, which lists them too', async () => {
    await idp.tenant('tenant-a');
    await page.getByRole('button', { name: 'Refresh issuers' }).click();
    const issuers = page.getByRole('table', { name: 'Issuers' });
    await expect.poll(() => issuers.locator('tbody tr').count(), POLL).toBe(2);
    expect(await issuers.getByRole('row').filter({ hasText: '(default)' }).textContent()).toContain('this page');
    const link = issuers.getByRole('row').filter({ hasText: 'tenant-a' }).getByRole('link');
    expect(await link.getAttribute('href')).toBe(`${idp.origin}/tenant-a/__authfault`);
    const tenantPage = await browser.newPage();
    await tenantPage.goto(`${idp.origin}/tenant-a/__authfault`);
    const theirs = tenantPage.getByRole('table', { name: 'Issuers' });
    await expect.poll(() => theirs.locator('tbody tr').count(), POLL).toBe(2);
    expect(await theirs.getByRole('row').filter({ hasText: 'tenant-a' }).textContent()).toContain('this page');
    expect(await theirs.getByRole('row').filter({ hasText: '(default)' }).getByRole('link').getAttribute('href')).toBe(`${idp.origin}/__authfault`);
    await tenantPage.close();
  });

  it('logged no console errors, page errors or failed requests but the two refusals it was asked for', () => {
    // Chromium logs every 4xx a fetch receives; these two are the tests above sending bad input.
    const refused = (path: string) => `console error: Failed to load resource: the server responded with a status of 400 (Bad Request) ${idp.admin}${path}`;
    expect(problems).toEqual([refused('/faults'), refused('/users/alice')]);
  });
});
