import type { Locator, Page } from '@playwright/test';
import type { ClickTarget } from '../../scenario/types.js';

/** A Playwright locator for a target written in a scenario or config: role + name, text, or CSS. */
export function locate(page: Page, target: ClickTarget): Locator {
  if (target.selector) return page.locator(target.selector);
  if (target.role) {
    return page.getByRole(target.role as Parameters<Page['getByRole']>[0], target.name ? { name: target.name } : {});
  }
  if (target.text) return page.getByText(target.text);
  if (target.name) return page.getByRole('button', { name: target.name }).or(page.getByRole('link', { name: target.name }));
  throw new Error('a click target needs role, name, text or selector');
}
