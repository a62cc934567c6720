import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every default of the target config, in one frozen place. */
export const CONFIG_DEFAULTS = Object.freeze({
  startupTimeoutMs: 30_000,
  /** Polled when a command target names no readiness URL: the app's home page. */
  readyUrl: '{app}/',
  /** The `logout` step opens this when the config names no logout. */
  logoutUrl: '{app}/logout',
});

/**
 * The bundled suite (scenarios/ at the package root). Found by walking up to package.json
 * because this module runs from harness/config in development and from dist/harness/config
 * once built, at different depths.
 */
export function bundledSuiteDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'scenarios');
}
