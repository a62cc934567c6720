import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../../harness/steps/index.js';
import { launchBrowser } from '../helpers/browser.js';
import { openBrowserDriver, startExampleApp, type ExampleApp } from './start-app.js';

const loc = { file: 'inline.yaml', line: 1, column: 1 };
const step = <T extends Step['type']>(type: T, args: Omit<Extract<Step, { type: T }>, 'type' | 'loc' | 'title'> = {} as never) => ({ type, ...args, title: type, loc }) as Step;

/**
 * The browser driver's waits are bounded by the step's timeout, as the http agent's are: a page
 * that never answers is noted as the app's behaviour and left waiting for the judge, never a step
 * that hangs until the scenario's own time limit (real Chromium, examples/careful-app).
 */
describe('browser driver: every wait bounded by the step timeout', () => {
  let app: ExampleApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startExampleApp('careful-app'), launchBrowser()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('notes a callback still waiting after the click on “Sign in”, leaves it waiting, and can still read the page shown', async () => {
    await app.idp.faults.add([{ kind: 'network.hang' }]);
    const base = app.base(1000);
    const driver = await openBrowserDriver(browser, base);
    try {
      await driver.run(step('login'));
      const callback = new RegExp(`^${app.appUrl}/callback\\?code=`);
      expect(base.obs.notes).toEqual([expect.stringMatching(new RegExp(`^signing in at the provider failed: no answer from ${app.appUrl}/callback\\?code=\\S+ within 1000 ms$`))]);
      expect([...base.obs.pending.values()].map((p) => p.url)).toEqual([expect.stringMatching(callback)]);
      // The person still sees the provider's page; reading it stops the load, as the Stop button does.
      expect(driver.url()).toMatch(new RegExp(`^${base.idpOrigin}/default/interaction/`));
      expect(await driver.text()).toContain('Username');
      expect(base.obs.pending.size).toBe(0);
      expect(base.obs.navigationFailures).toEqual([{ url: expect.stringMatching(callback), error: 'net::ERR_ABORTED', ms: expect.any(Number) }]);
      expect(base.obs.navigationFailures[0]!.ms).toBeGreaterThan(500);
    } finally {
      app.idp.faults.clear();
      await driver.close();
    }
  });

  it('notes a page that never answers after a goto, a reload or a click on a link, and fails a click on what is not there', async () => {
    const base = app.base(1000);
    const driver = await openBrowserDriver(browser, base);
    const hangUserinfo = () => app.idp.faults.add([{ kind: 'network.hang', when: { endpoint: 'userinfo' } }]);
    try {
      await driver.run(step('login'));
      await driver.run(step('visit', { page: 'profile' }));
      await hangUserinfo();
      await driver.run(step('reload'));
      await driver.run(step('goto', { url: '/' }));
      await driver.run(step('visit', { page: 'profile' }));
      await driver.run(step('goto', { url: '/' }));
      await driver.run(step('click', { target: { role: 'link', name: 'Profile' } }));
      expect(base.obs.notes).toEqual([
        `reloading ${app.appUrl}/profile failed: no answer from ${app.appUrl}/profile within 1000 ms`,
        `opening ${app.appUrl}/profile failed: no answer from ${app.appUrl}/profile within 1000 ms`,
        `clicking link "Profile" failed: no answer from ${app.appUrl}/profile within 1000 ms`,
      ]);
      await expect(driver.run(step('click', { target: { name: 'Nowhere to be found' } }))).rejects.toThrow(/Timeout 1000ms exceeded/);
    } finally {
      app.idp.faults.clear();
      await driver.close();
    }
  });
});
