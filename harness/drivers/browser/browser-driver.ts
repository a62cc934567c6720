import type { Page } from '@playwright/test';
import type { Step } from '../../scenario/types.js';
import { watchPage, type StepContext } from '../../steps/context.js';
import { STEPS } from '../../steps/index.js';
import { login } from '../../steps/login.js';
import type { DriverFactory } from '../driver.js';

/**
 * The browser driver: the steps of harness/steps on a Playwright page, watched as the person sees
 * it. The page's text is read once per state of the page — the judge reads it for several
 * expectations in a row — and read again after a step, a login or an opened page, or a
 * navigation the page made by itself.
 */
export function browserDriver(page: Page): DriverFactory {
  return async (base) => {
    const ctx: StepContext = { ...base, page, watch: (tab) => watchPage(tab, base.appUrl, base.idpOrigin, base.obs, { parallel: true }) };
    watchPage(page, base.appUrl, base.idpOrigin, base.obs);
    let text: Promise<string> | undefined;
    const acting = <T>(action: Promise<T>) => {
      text = undefined;
      return action.finally(() => (text = undefined));
    };
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) text = undefined;
    });
    return {
      name: 'browser',
      run: (step: Step) => acting((STEPS[step.type] as (s: Step, c: StepContext) => Promise<void>)(step, ctx)),
      login: () => acting(login({}, ctx)),
      url: () => page.url(),
      // In the page's own world: a locator's first use on a new document injects Playwright's
      // script first, about 50 ms a page here, for the same innerText.
      text: () => (text ??= page.evaluate('document.body ? document.body.innerText : ""').then((t) => String(t), () => '')),
      cookieNames: async (url) => (await page.context().cookies(url)).map((c) => c.name),
      open: (url, timeoutMs) => acting(page.goto(url, { timeout: timeoutMs }).then(() => true, () => false)),
      close: async () => {},
    };
  };
}
