import type { EventEmitter } from 'node:events';
import type { Browser, BrowserContext, BrowserContextOptions, CDPSession, Page, Tracing } from '@playwright/test';

/** What a trace records, as Tracing.start takes it; absent: no traces. */
export type TraceOptions = Parameters<Tracing['start']>[0];

/**
 * One browser context and one page kept for all the scenarios of a worker. A fresh context and
 * page cost about three times what reusing one does here (Chromium's own start-up of a context
 * is most of a bare login's time), so the page is kept and put back to a blank state between
 * scenarios instead:
 *
 * - the listeners, routes and extra tabs a scenario added are removed; the page goes to
 *   about:blank (which also ends a load still waiting on a hung app), its window.name and
 *   history are reset;
 * - cookies are cleared for the whole context (scenarios neither grant permissions nor route
 *   the context, so there is nothing else of the context's own to clear);
 * - for every origin the context sent a request to (the app, the provider, anything a scenario
 *   opened): local and session storage, IndexedDB, Cache Storage, service workers and the rest
 *   of what Chromium keeps per origin (Storage.clearDataForOrigin, "all");
 * - the HTTP cache is emptied (Network.clearBrowserCache).
 *
 * When any of that fails (the page crashed, a dialog is stuck) the context is closed and a fresh
 * one made: a reused page that might carry something over is never handed out.
 *
 * `warmUp` URLs are opened once in every new context before a scenario has it. Chromium told to
 * ignore certificate errors still refuses the first handshake with a certificate it does not
 * trust (alert "certificate unknown") and only then connects again allowing it, once per
 * context; opened here, that refusal of the provider's front channel lands in no scenario's
 * journal instead of in whichever scenario happened to come first in a worker.
 * test/drivers/page-reuse.test.ts proves that a scenario sees nothing the one before it left.
 */
export class ReusablePage {
  #context!: BrowserContext;
  #page!: Page;
  #cdp!: CDPSession;
  #origins = new Set<string>();
  /** The page's own listeners (Playwright's), kept through resets. */
  #baseline = new Map<string | symbol, Set<unknown>>();
  /** How many times a context had to be made afresh after a failed reset, for the record. */
  replaced = 0;
  #taken = false;

  private constructor(
    private readonly browser: Browser,
    private readonly options: BrowserContextOptions,
    private readonly trace: TraceOptions | undefined,
    private readonly warmUp: string[],
  ) {}

  /** With `trace`, the context records from the start and each scenario is a chunk of it (startChunk/stopChunk). */
  static async open(browser: Browser, options: BrowserContextOptions, trace?: TraceOptions, warmUp: string[] = []): Promise<ReusablePage> {
    const reusable = new ReusablePage(browser, options, trace, warmUp);
    await reusable.#fresh();
    return reusable;
  }

  get page(): Page {
    return this.#page;
  }

  /** The page for the next scenario: reset first when a scenario has had it before. */
  async take(): Promise<Page> {
    if (this.#taken) await this.reset();
    this.#taken = true;
    return this.#page;
  }

  /** Put the page back to the state of a fresh context and page. */
  async reset(): Promise<void> {
    try {
      await this.#clear();
    } catch {
      this.replaced++;
      await this.#context.close().catch(() => undefined);
      await this.#fresh();
    }
  }

  /** Begin a scenario's part of the trace. */
  async startChunk(title: string): Promise<void> {
    if (this.trace) await this.#context.tracing.startChunk({ title });
  }

  /** End it: kept at `path` (a trace.zip for the Trace Viewer), or dropped without one. */
  async stopChunk(path?: string): Promise<boolean> {
    if (!this.trace) return false;
    await this.#context.tracing.stopChunk(path ? { path } : undefined);
    return path !== undefined;
  }

  async close(): Promise<void> {
    await this.#context.close().catch(() => undefined);
  }

  async #fresh(): Promise<void> {
    this.#context = await this.browser.newContext(this.options);
    const warm = await this.#context.newPage();
    for (const url of this.warmUp) await warm.goto(url, { timeout: 10_000 }).catch(() => undefined);
    await warm.close();
    this.#context.on('request', (request) => {
      const origin = originOf(request.url());
      if (origin) this.#origins.add(origin);
    });
    if (this.trace) await this.#context.tracing.start(this.trace);
    this.#page = await this.#context.newPage();
    this.#cdp = await this.#context.newCDPSession(this.#page);
    this.#baseline = listenersOf(this.#page);
  }

  async #clear(): Promise<void> {
    const { page } = this;
    if (page.isClosed()) throw new Error('the page was closed');
    removeListenersSince(page, this.#baseline);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await Promise.all(this.#context.pages().filter((p) => p !== page).map((p) => p.close()));
    await page.goto('about:blank', { timeout: 5000 });
    const origins = [...this.#origins];
    this.#origins.clear();
    await Promise.all([
      page.evaluate('window.name = ""'),
      this.#cdp.send('Page.resetNavigationHistory'),
      this.#context.clearCookies(),
      ...origins.map((origin) => this.#cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' })),
      this.#cdp.send('Network.clearBrowserCache'),
    ]);
  }
}

function originOf(url: string): string | undefined {
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** Playwright's Page is an EventEmitter at run time; its typings show only on/off. */
type Emitter = Pick<EventEmitter, 'eventNames' | 'listeners' | 'off'>;

function listenersOf(page: Page): Map<string | symbol, Set<unknown>> {
  const emitter = page as unknown as Emitter;
  return new Map(emitter.eventNames().map((name) => [name, new Set<unknown>(emitter.listeners(name))]));
}

/** Remove what scenarios added (the runner's watchers, a step's waiters), keep Playwright's own. */
function removeListenersSince(page: Page, baseline: Map<string | symbol, Set<unknown>>) {
  const emitter = page as unknown as Emitter;
  for (const name of emitter.eventNames()) {
    const kept = baseline.get(name);
    for (const listener of emitter.listeners(name)) {
      if (!kept?.has(listener)) emitter.off(name, listener as (...args: unknown[]) => void);
    }
  }
}
