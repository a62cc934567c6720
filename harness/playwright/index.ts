/**
 * `authfault/playwright`: the mock OpenID Provider inside a team's own Playwright Test suite.
 *
 * - `idp` is worker-scoped: each worker starts one provider and keeps it for all its tests, so
 *   workers running in parallel never share faults, sessions or journal.
 * - `idpOptions` configures it (clients, users, seed, …); set it per project in
 *   `playwright.config.ts`, or override it in `test.extend` when it depends on another fixture.
 * - `faults` is test-scoped and automatic: every fault is cleared when a test ends, pass or fail,
 *   even one set through `idp.faults` or by a test that never asked for `faults`.
 * - `faults.journal()` is the test's own requests: the journal entries since the test started.
 * - A failing test gets its journal attached to the report as `authfault-journal`.
 *
 * Imports nothing but `@playwright/test` and the mock provider.
 *
 * @example
 * import { test, expect } from 'authfault/playwright';
 *
 * test.use({ idpOptions: { clients: [{ client_id: 'shop', client_secret: 's', redirect_uris: ['http://127.0.0.1:3000/callback'] }] } });
 *
 * test('a tampered state is refused', async ({ page, faults }) => {
 *   await faults.add({ kind: 'state.tampered' });
 *   await page.goto('http://127.0.0.1:3000/login');
 *   await page.getByRole('button', { name: 'Sign in as alice' }).click();
 *   await expect(page.getByRole('heading', { name: 'Sign-in failed' })).toBeVisible();
 *   expect(faults.journal('token')).toEqual([]);
 * });
 */
import { test as base, expect } from '@playwright/test';
import { createMockProvider, type MockProviderOptions } from '../../mock-provider/index.js';
import type { FaultInput, FaultView, JournalEntry, MockProviderHandle, WhenInput } from '../../mock-provider/common.js';

/**
 * A fault exactly as in scenario files: `kind`, the kind's own parameters beside it, and `when`.
 * The provider's own type, one member per kind, so a misspelt kind or parameter does not compile
 * (docs/faults.md lists them).
 *
 * @example
 * const expired: FaultInput = { kind: 'token.expired', token: 'id_token', when: { times: 1 } };
 */
export type { FaultInput };
/** The envelope of a fault as written: when it applies (every key optional). */
export type FaultWhen = WhenInput;

/** The test-scoped fault helper: what a test sets here is cleared when the test ends. */
export interface TestFaults {
  /**
   * Set one fault or several, all or none. Rejects with AUTHFAULT_FAULT_INVALID (every issue, with
   * a "did you mean") when a kind or parameter is wrong.
   *
   * @example
   * await faults.add([{ kind: 'rate-limit', when: { endpoint: 'token', times: 1 } }, { kind: 'clock.skew', seconds: 20 }]);
   */
  add(fault: FaultInput | readonly FaultInput[]): Promise<FaultView[]>;
  /** The faults set now, with how often each matched and was applied. */
  list(): FaultView[];
  /** Remove one fault by the id `add` returned; false when there was none. */
  remove(id: string): boolean;
  /** Remove every fault now (they are removed after the test anyway). */
  clear(): void;
  /**
   * The requests the provider received since this test started, oldest first; only those to one
   * injection point when given.
   *
   * @example
   * expect(faults.journal('token')).toEqual([]); // the app never redeemed the code
   */
  journal(endpoint?: JournalEntry['endpoint']): JournalEntry[];
}

/** Test-scoped fixtures of `authfault/playwright`. */
export interface AuthfaultTestFixtures {
  faults: TestFaults;
}

/** Worker-scoped fixtures of `authfault/playwright`. */
export interface AuthfaultWorkerFixtures {
  /** createMockProvider's options for this worker's provider; default: the provider's defaults. */
  idpOptions: MockProviderOptions;
  /** This worker's running provider: issuer, clients, users, faults, journal. */
  idp: MockProviderHandle;
}

/**
 * Playwright's `test` with `idp`, `idpOptions` and `faults`. Extend it further as usual.
 *
 * @example
 * import { test as authfault } from 'authfault/playwright';
 * export const test = authfault.extend<{}, { appUrl: string }>({ appUrl: [async ({ idp }, use) => { ... }, { scope: 'worker' }] });
 */
export const test = base.extend<AuthfaultTestFixtures, AuthfaultWorkerFixtures>({
  idpOptions: [{}, { scope: 'worker', option: true }],

  idp: [
    async ({ idpOptions }, use) => {
      const idp = await createMockProvider(idpOptions);
      try {
        await use(idp);
      } finally {
        await idp.close();
      }
    },
    { scope: 'worker', title: 'authfault mock provider' },
  ],

  // Automatic, so clearing never depends on a test asking for it: a fault set through `idp.faults`
  // in one test must not change the next test on the same worker either.
  faults: [
    async ({ idp }, use, testInfo) => {
      const since = idp.journal.lastId;
      const journal = (endpoint?: JournalEntry['endpoint']) =>
        idp.journal.entries(since).filter((entry) => endpoint === undefined || entry.endpoint === endpoint);
      try {
        await use({
          add: (fault) => idp.faults.add(fault),
          list: () => idp.faults.list(),
          remove: (id) => idp.faults.remove(id),
          clear: () => idp.faults.clear(),
          journal,
        });
        if (testInfo.status !== testInfo.expectedStatus) {
          await testInfo.attach('authfault-journal', { body: JSON.stringify(journal(), null, 2), contentType: 'application/json' });
        }
      } finally {
        idp.faults.clear();
      }
    },
    { auto: true, box: true },
  ],
});

export { expect };
export type { FaultView, JournalEntry, MockProviderHandle, MockProviderOptions };

/**
 * The Chromium authfault would launch here (`AUTHFAULT_BROWSER`, a headless shell, a
 * Playwright-managed or a system Chromium), and flags that keep it quiet on a closed network.
 * Useful where `npx playwright install` cannot run; leave both out to use Playwright's own browser.
 *
 * @example
 * use: { launchOptions: { executablePath: findBrowser().executablePath, args: [...LAUNCH_ARGS] } }
 */
export { findBrowser, LAUNCH_ARGS, type BrowserChoice } from '../browser/find-browser.js';
