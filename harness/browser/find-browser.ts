import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AuthfaultError } from '../../mock-provider/basics.js';

/** The Chromium the runner launches, and why that one was chosen. */
export interface BrowserChoice {
  /** undefined: let Playwright launch the browser it manages itself. */
  executablePath?: string;
  source: 'AUTHFAULT_BROWSER' | 'playwright-headless-shell' | 'debian-headless-shell' | 'playwright-chromium' | 'debian-chromium';
}

export { LAUNCH_ARGS } from './launch-args.js';

const DEBIAN_HEADLESS_SHELL = ['/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium-headless-shell'];
const DEBIAN_CHROMIUM = ['/usr/bin/chromium'];

/**
 * A headless shell first (it ran a login in about 0.4× full Chromium's time here): Playwright's
 * own when installed, else Debian's; then a Playwright-managed Chromium; then Debian's chromium.
 * AUTHFAULT_BROWSER overrides all.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): BrowserChoice {
  const override = env.AUTHFAULT_BROWSER;
  if (override) {
    if (!existsSync(override)) {
      throw new AuthfaultError('AUTHFAULT_BROWSER_NOT_FOUND', `AUTHFAULT_BROWSER is ${override}, which does not exist; point it at a Chromium or headless-shell binary`);
    }
    return { executablePath: override, source: 'AUTHFAULT_BROWSER' };
  }
  if (playwrightHas('chromium_headless_shell-', env)) return { source: 'playwright-headless-shell' };
  const shell = DEBIAN_HEADLESS_SHELL.find((p) => existsSync(p));
  if (shell) return { executablePath: shell, source: 'debian-headless-shell' };
  if (playwrightHas('chromium-', env)) return { source: 'playwright-chromium' };
  const chromium = DEBIAN_CHROMIUM.find((p) => existsSync(p));
  if (chromium) return { executablePath: chromium, source: 'debian-chromium' };
  throw new AuthfaultError('AUTHFAULT_BROWSER_NOT_FOUND', NO_BROWSER);
}

export const NO_BROWSER = [
  'no Chromium found. Get one of:',
  '  • Debian/Ubuntu (root): apt-get install -y chromium-headless-shell',
  '  • anywhere with internet: npx playwright install chromium',
  '  • a browser you already have: AUTHFAULT_BROWSER=/path/to/chromium',
].join('\n');

/** Whether Playwright's browser cache has a build whose folder starts with `prefix`. */
function playwrightHas(prefix: string, env: NodeJS.ProcessEnv): boolean {
  const root = env.PLAYWRIGHT_BROWSERS_PATH && env.PLAYWRIGHT_BROWSERS_PATH !== '0' ? env.PLAYWRIGHT_BROWSERS_PATH : defaultCache();
  try {
    return readdirSync(root).some((name) => name.startsWith(prefix) && existsSync(join(root, name, 'INSTALLATION_COMPLETE')));
  } catch {
    return false;
  }
}

function defaultCache(): string {
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'ms-playwright');
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA ?? homedir(), 'ms-playwright');
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ms-playwright');
}
