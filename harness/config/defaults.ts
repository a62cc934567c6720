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
  /**
   * budgets.page: generous, so that common library defaults pass — 60 s, the longest of them for a
   * call to the provider (ASP.NET Core's BackchannelTimeout, mod_auth_openidc's OIDCHTTPTimeoutLong;
   * openid-client 6: 30 s), and 10 s of the app's own work on top.
   */
  pageBudgetMs: 70_000,
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
