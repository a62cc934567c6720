import { chromium, type Browser } from '@playwright/test';
import { findBrowser, LAUNCH_ARGS } from '../../harness/browser/find-browser.js';

/** Chromium as the runner launches it: the browser findBrowser picks, with the runner's flags. */
export function launchBrowser(): Promise<Browser> {
  const choice = findBrowser();
  return chromium.launch({ args: [...LAUNCH_ARGS], ...(choice.executablePath ? { executablePath: choice.executablePath } : {}) });
}
