import type { Page } from '@playwright/test';
import type { Step } from '../../scenario/types.js';
import { watchPage, type StepContext } from '../../steps/context.js';
import { STEPS } from '../../steps/index.js';
import { login } from '../../steps/login.js';
import type { DriverFactory } from '../driver.js';

/** The browser driver: the steps of harness/steps on a Playwright page, watched as the person sees it. */
export function browserDriver(page: Page): DriverFactory {
  return async (base) => {
    const ctx: StepContext = { ...base, page, watch: (tab) => watchPage(tab, base.appUrl, base.idpOrigin, base.obs, { parallel: true }) };
    watchPage(page, base.appUrl, base.idpOrigin, base.obs);
    return {
      name: 'browser',
      run: (step: Step) => (STEPS[step.type] as (s: Step, c: StepContext) => Promise<void>)(step, ctx),
      login: () => login({}, ctx),
      url: () => page.url(),
      text: () => page.locator('body').innerText({ timeout: 2000 }).catch(() => ''),
      cookieNames: async (url) => (await page.context().cookies(url)).map((c) => c.name),
      open: (url, timeoutMs) => page.goto(url, { timeout: timeoutMs }).then(() => true, () => false),
      close: async () => {},
    };
  };
}
