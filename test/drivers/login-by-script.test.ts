import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../../harness/steps/index.js';
import { launchBrowser } from '../helpers/browser.js';
import { openBrowserDriver, startExampleApp, type ExampleApp } from './start-app.js';

const loc = { file: 'inline.yaml', line: 1, column: 1 };
const login = { type: 'login', title: 'login', loc } as Step;

/**
 * The browser's login waits for the app to send it to the provider until the app's page has
 * loaded and made no request for a while (network-quiet.ts), not for a fixed time: an app that
 * sends the browser on by script still gets there, one that shows its own page is judged on it.
 * examples/careful-app in real Chromium, its login started at /start, a page the test serves in
 * the browser (page.route) as an app that redirects by script would.
 */
describe('browser login: an app that sends the browser to the provider by script', () => {
  let app: ExampleApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startExampleApp('careful-app', (config) => ({ ...config, login: { url: '{app}/start' } })), launchBrowser()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Sign in with /start answered by `script` (run in the page), and return what the login noted and where it ended. */
  function signInFrom(script: string): Promise<{ notes: string[]; url: string; text: string }> {
    return signInFromPage(`<!doctype html><title>Starting</title><p>One moment, please.</p><script>${script}</script>`);
  }

  /** Sign in with /start answered by `body` (and `headers`). */
  async function signInFromPage(body: string, headers: Record<string, string> = {}): Promise<{ notes: string[]; url: string; text: string }> {
    const base = app.base();
    const driver = await openBrowserDriver(browser, base);
    try {
      await driver.page.route(`${app.appUrl}/start`, (route) => route.fulfill({ contentType: 'text/html', headers, body }));
      await driver.run(login);
      return { notes: base.obs.notes, url: driver.url(), text: await driver.text() };
    } finally {
      await driver.close();
    }
  }

  it('follows a page that sends the browser on as it loads', async () => {
    const seen = await signInFrom(`addEventListener('load', () => location.assign('/login'));`);
    expect(seen.notes).toEqual([]);
    expect(seen.text).toContain('Signed in as Alice Example');
  });

  it('follows a page that sends the browser on once requests of its own have come back (a config fetched, then a second one)', async () => {
    const seen = await signInFrom(`fetch('/health').then(() => fetch('/health')).then(() => location.assign('/login'));`);
    expect(seen.notes).toEqual([]);
    expect(seen.text).toContain('Signed in as Alice Example');
  });

  // A page that can go nowhere by itself ends the wait as it loads (network-quiet.ts, inert); one
  // with a refresh is not such a page, and is followed as the quiet wait always did.
  it('follows a page without a script that refreshes to the login after 0.3 s, by a meta element or by a Refresh header', async () => {
    const meta = await signInFromPage(`<!doctype html><title>Starting</title><meta http-equiv="refresh" content="0.3; url=/login"><p>One moment, please.</p>`);
    expect(meta.notes).toEqual([]);
    expect(meta.text).toContain('Signed in as Alice Example');
    const header = await signInFromPage(`<!doctype html><title>Starting</title><p>One moment, please.</p>`, { Refresh: '0.3; url=/login' });
    expect(header.notes).toEqual([]);
    expect(header.text).toContain('Signed in as Alice Example');
  });

  it('follows a page without a script element whose body sends the browser on from its onload attribute, as form_post pages do', async () => {
    const seen = await signInFromPage(`<!doctype html><title>Starting</title><body onload="setTimeout(() => location.assign('/login'), 300)"><p>One moment, please.</p></body>`);
    expect(seen.notes).toEqual([]);
    expect(seen.text).toContain('Signed in as Alice Example');
  });

  it('judges a page without a script, frame or refresh on that page: nothing but the person could take it further', async () => {
    const seen = await signInFromPage(`<!doctype html><title>Sign-in failed</title><p>The provider could not be reached.</p><a href="/login">Try again</a>`);
    expect(seen.notes).toEqual([`the app never sent the browser to the provider (stayed at ${app.appUrl}/start)`]);
    expect(seen.text).toContain('The provider could not be reached.');
  });

  it('judges a page that stays where it is on that page: the app never sent the browser to the provider', async () => {
    const seen = await signInFrom(`fetch('/health');`);
    expect(seen.notes).toEqual([`the app never sent the browser to the provider (stayed at ${app.appUrl}/start)`]);
    expect(seen.text).toContain('One moment, please.');
  });
});
