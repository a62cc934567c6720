import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { usageError } from '../util/usage-error.js';

/**
 * The oldest @playwright/test the runner and the fixture are tested with (test/e2e/playwright-peer);
 * package.json's peerDependencies range starts here. Older ones run no scenario at all (1.41 found
 * none and exited 0), so they are refused rather than trusted.
 */
export const PLAYWRIGHT_MIN = '1.42.0';

/**
 * The Playwright Test CLI the runner starts: the consumer's own @playwright/test (a peer
 * dependency, so there is one copy), checked against the tested range.
 */
export function playwrightCli(): string {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve('@playwright/test/package.json');
  } catch {
    throw usageError('AUTHFAULT_PLAYWRIGHT_MISSING', `authfault run needs @playwright/test (${PLAYWRIGHT_MIN} or newer), which is not installed here: npm install --save-dev @playwright/test`);
  }
  const { version } = require(manifest) as { version: string };
  if (older(version, PLAYWRIGHT_MIN)) {
    throw usageError('AUTHFAULT_PLAYWRIGHT_TOO_OLD', `authfault run needs @playwright/test ${PLAYWRIGHT_MIN} or newer; ${version} is installed: npm install --save-dev @playwright/test@latest`);
  }
  return join(dirname(manifest), 'cli.js');
}

function older(version: string, than: string): boolean {
  const a = version.split(/[.-]/).slice(0, 3).map(Number);
  const b = than.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! < b[i]!;
  return false;
}
