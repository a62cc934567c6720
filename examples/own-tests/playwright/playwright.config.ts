import { defineConfig } from '@playwright/test';
import { findBrowser, LAUNCH_ARGS, type AuthfaultWorkerFixtures } from 'authfault/playwright';

// Where `npx playwright install` has put a browser, `launchOptions` can go: findBrowser() then
// leaves executablePath undefined and Playwright launches its own.
const { executablePath } = findBrowser();

export default defineConfig<object, AuthfaultWorkerFixtures>({
  testDir: '.',
  testMatch: '*.spec.ts',
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  use: {
    browserName: 'chromium',
    launchOptions: { args: [...LAUNCH_ARGS], ...(executablePath ? { executablePath } : {}) },
  },
  projects: [
    {
      name: 'chromium',
      // Each project can give its workers' providers other options: users, clients, a fixed seed
      // so probabilistic faults repeat. The spec adds the client whose callback it knows.
      use: { idpOptions: { seed: 'own-tests' } },
    },
  ],
});
