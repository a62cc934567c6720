/**
 * Every default of the CLI, in one frozen place (the provider's are in
 * mock-provider/config/defaults.ts, the target config's in harness/config/defaults.ts). Flags over
 * environment over these.
 */
export const CLI_DEFAULTS = Object.freeze({
  /** Where run and merge-reports write their reports, and where show-report looks. */
  output: 'authfault-report',
  /** The reporters of run and merge-reports (github joins by itself on GitHub Actions). */
  reporters: 'list,json,junit,html',
  /** run's time limit per scenario, in milliseconds. */
  timeoutMs: 60_000,
  /** run's Playwright traces. */
  trace: 'retain-on-failure',
  /** authfault idp's port, so an app's OIDC_ISSUER stays the same between restarts. */
  idpPort: 9400,
  /** The state folder's name, next to the config file (`authfault init` adds it to .gitignore). */
  stateDir: '.authfault',
  /** How long a control API call (authfault fault) may take. */
  controlTimeoutMs: 10_000,
});
