// The baseline for a browser scenario: a raw Playwright login, as a team would write it without
// authfault. Starts the same provider and app a runner worker starts (worker-env.js, from the
// build given with --dist), launches the same Chromium with the same flags, then signs in
// --logins times, each in a new context and page: open {app}/login, type the user into the
// provider's "Username" field, press "Sign in", wait for the app's "Signed in as", close the
// context. Exits 0 when every login signed in.
//
//   node bench/raw-login.mjs --dist <dir with harness/> --config <authfault.config.yaml> --logins N
import { chromium } from '@playwright/test';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || process.argv[i + 1] === undefined) throw new Error(`--${name} is required`);
  return process.argv[i + 1];
};
const dist = resolve(arg('dist'));
const logins = Number(arg('logins'));
const load = (path) => import(pathToFileURL(join(dist, path)).href);

const { loadConfig } = await load('harness/config/load.js');
const { startWorker } = await load('harness/runner/worker-env.js');
const { findBrowser, LAUNCH_ARGS } = await load('harness/browser/find-browser.js');

const config = await loadConfig(resolve(arg('config')));
const { env, stop } = await startWorker({ config, seed: 'bench', logDir: join(dist, '..', 'logs'), workerIndex: 0, cwd: process.cwd() });
if (env.startError) throw new Error(env.startError);
const choice = findBrowser();
const browser = await chromium.launch({ args: [...LAUNCH_ARGS], ...(choice.executablePath ? { executablePath: choice.executablePath } : {}) });
try {
  for (let i = 0; i < logins; i++) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${env.appUrl}/login`);
    await page.getByLabel('Username').fill(env.defaultUser);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(`${env.appUrl}/`));
    await page.getByText('Signed in as').first().waitFor();
    await context.close();
  }
} finally {
  await browser.close();
  await stop();
}
