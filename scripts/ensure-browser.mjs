#!/usr/bin/env node
// Runs before `npm start` and `npm test`: make sure a Chromium is there, installing one the way
// the platform allows when none is. Uses the same search as the runner (dist/, built by `npm ci`).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const { findBrowser, NO_BROWSER } = await import('../dist/harness/browser/find-browser.js');

function found() {
  try {
    return findBrowser();
  } catch {
    return undefined;
  }
}

let choice = found();
if (choice) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.error('authfault: no Chromium found; installing Debian\'s chromium-headless-shell with apt-get …');
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', 'chromium-headless-shell'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  choice = install && install.status === 0 ? found() : undefined;
  if (choice) console.error(`authfault: installed; using ${choice.executablePath}`);
}
if (!choice) {
  console.error('authfault: no Chromium found; trying Playwright\'s installer (npx playwright install chromium) …');
  try {
    execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
    choice = found();
  } catch {
    // Reported below with every way to get a browser.
  }
}
if (!choice) {
  console.error(`authfault: ${NO_BROWSER}`);
  process.exit(2);
}
