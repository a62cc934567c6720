import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/index.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { lines, useTempFiles } from '../harness/temp-files.js';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { launchBrowser } from '../helpers/browser.js';
import { ReusablePage } from '../../harness/drivers/browser/reusable-page.js';
// @ts-expect-error: a plain .mjs fixture without types
import { INSPECT, page as pageOf, PLANT, stateResponse } from './fixtures/plant-pages.mjs';

const ALL = 'left over: cookie, localStorage, sessionStorage, IndexedDB, Cache Storage, HTTP cache, service worker, window.name';

/**
 * The proof that a reused page carries nothing from one scenario to the next: scenario A plants
 * every kind of state Chromium keeps per origin on three origins — the app (127.0.0.1), a second
 * origin of the app (localhost) and the real mock provider's — and scenario B, on the same page
 * after ReusablePage.reset() (what the runner's fixture does between scenarios), finds none of it.
 * The same inspection before the reset finds all of it, so the inspection itself is proven too.
 */
describe('ReusablePage: a reset page leaks nothing between scenarios (real Chromium)', () => {
  let browser: Browser;
  let app: Server;
  let idp: MockProviderHandle;
  let origins: string[];
  const counters = new Map<string, { served: number }>();

  beforeAll(async () => {
    app = createServer((req, res) => {
      const url = new URL(req.url!, 'http://app');
      const name = url.pathname.slice(1);
      const answer = name === 'plant' || name === 'inspect' ? { status: 200, headers: { 'content-type': 'text/html' }, body: pageOf(name, name === 'plant' ? PLANT : INSPECT) } : stateResponse(name, counterFor(req.headers.host!));
      res.writeHead(answer?.status ?? 404, answer?.headers ?? {});
      res.end(answer?.body ?? 'not found');
    });
    await new Promise<void>((resolve) => app.listen(0, resolve));
    const port = (app.address() as AddressInfo).port;
    idp = await createMockProvider({});
    origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, idp.origin];
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await idp?.close();
    await new Promise((resolve) => app?.close(resolve));
  });

  function counterFor(key: string) {
    if (!counters.has(key)) counters.set(key, { served: 0 });
    return counters.get(key)!;
  }

  /** The provider's origin cannot serve the pages itself: a route answers in its name (the document's origin is the provider's). */
  async function routeProviderPages(page: Page) {
    await page.context().route(`${idp.origin}/__plant/**`, (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop()!;
      const answer = name === 'plant' || name === 'inspect' ? { status: 200, headers: { 'content-type': 'text/html' }, body: pageOf(name, name === 'plant' ? PLANT : INSPECT) } : stateResponse(name, counterFor(idp.origin));
      return answer ? route.fulfill(answer) : route.fulfill({ status: 404 });
    });
  }

  const at = (origin: string, name: 'plant' | 'inspect') => (origin === idp.origin ? `${origin}/__plant/${name}` : `${origin}/${name}`);

  async function visit(page: Page, url: string): Promise<string> {
    await page.goto(url);
    const out = page.locator('#out');
    await expect.poll(() => out.textContent(), { timeout: 10_000 }).not.toBe('working');
    return (await out.textContent())!;
  }

  it('scenario B sees none of the cookies, storage, caches and service workers scenario A left on the app’s origins and the provider’s', async () => {
    const [app1, app2, provider] = origins as [string, string, string];
    const reusable = await ReusablePage.open(browser, {});
    try {
      // Scenario A: plant everything, and check that the inspection sees it all. The app's
      // origins first, without routes: Playwright turns Chromium's HTTP cache off while a route
      // is set, so the provider's origin, which only a route can plant on, cannot hold a cached
      // response (nor does the provider send any: its pages carry no cache headers). The HTTP
      // cache is cleared as a whole, which the app's two origins prove.
      for (const origin of [app1, app2]) expect(await visit(reusable.page, at(origin, 'plant'))).toBe('planted');
      for (const origin of [app1, app2]) expect(await visit(reusable.page, at(origin, 'inspect')), origin).toBe(ALL);
      await routeProviderPages(reusable.page);
      expect(await visit(reusable.page, at(provider, 'plant'))).toBe('planted');
      expect(await visit(reusable.page, at(provider, 'inspect'))).toBe(ALL.replace(' HTTP cache,', ''));

      await reusable.reset();

      // Scenario B: the same page, nothing left.
      expect(reusable.replaced).toBe(0);
      expect(await reusable.page.context().cookies()).toEqual([]);
      for (const origin of [app1, app2]) expect(await visit(reusable.page, at(origin, 'inspect')), origin).toBe('nothing left over');
      await routeProviderPages(reusable.page);
      expect(await visit(reusable.page, at(provider, 'inspect'))).toBe('nothing left over');
      expect(await reusable.page.evaluate(() => history.length)).toBe(4);
    } finally {
      await reusable.close();
    }
  }, 60_000);

  it('removes what a scenario attached to the page (listeners, routes, extra tabs) and keeps Playwright’s own', async () => {
    const reusable = await ReusablePage.open(browser, {});
    try {
      const seen: string[] = [];
      reusable.page.on('request', (r) => seen.push(r.url()));
      await reusable.page.route('**/never', (route) => route.abort());
      const tab = await reusable.page.context().newPage();
      await reusable.reset();
      expect(tab.isClosed()).toBe(true);
      await reusable.page.goto(at(origins[0]!, 'plant'));
      expect(seen).toEqual([]);
      await reusable.page.close();
      // A page that cannot be reset (closed, crashed) is replaced by a fresh context and page.
      await reusable.reset();
      expect(reusable.replaced).toBe(1);
      expect(reusable.page.isClosed()).toBe(false);
      expect(await visit(reusable.page, at(origins[0]!, 'inspect'))).toBe('nothing left over');
    } finally {
      await reusable.close();
    }
  }, 60_000);
});

/**
 * The same through the real runner: `authfault run`, one worker, so the three scenarios share the
 * worker's page in the order written. Scenario A signs in (the provider's session cookie, the
 * app's) and plants everything on the app's two origins; B fails on purpose; C, on the same page
 * after both, finds nothing — and the provider asks for the user again, so its session is gone.
 */
describe('authfault run: scenarios on one worker share a page, and nothing else', () => {
  const files = useTempFiles();
  const ALL_APP = 'left over: cookie, localStorage, sessionStorage, IndexedDB, Cache Storage, HTTP cache, service worker, window.name';

  it('leaks nothing from one scenario to the next, keeps the worker after a failed verdict, and keeps the failure’s screenshot and trace', async () => {
    const scenario = (id: string, ...body: string[]) => lines(`id: ${id}`, `title: ${id}`, 'category: oauth-flow', 'severity: must', ...body);
    const dir = await files({
      'authfault.config.yaml': lines(
        'name: plant-app',
        'target:',
        `  command: node ${JSON.stringify(join(ROOT, 'test/drivers/fixtures/plant-app.mjs'))}`,
        '  env: { PORT: "{port}", APP_URL: "{app}", OIDC_ISSUER: "{issuer}", OIDC_CLIENT_ID: "{client.id}" }',
        '  ready: "{app}/health"',
        'login:',
        '  url: "{app}/login"',
        'signed-in:',
        '  text: Signed in as',
        'pages:',
        '  plant: "{app}/plant"',
        '  inspect: "{app}/inspect"',
        '  plant-other-origin: "http://localhost:{port}/plant"',
        '  inspect-other-origin: "http://localhost:{port}/inspect"',
        'provider:',
        '  clients:',
        '    - client_id: demo-app',
        '      redirect_uris: ["{app}/callback"]',
      ),
      'suite/a-plant.yaml': scenario(
        'a-plant',
        'steps:',
        '  - login: alice',
        '  - visit: plant',
        '  - wait-for: { text: planted }',
        '  - visit: plant-other-origin',
        '  - wait-for: { text: planted }',
        '  - visit: inspect',
        `  - wait-for: { text: "${ALL_APP}" }`,
        'expect:',
        '  cookie: sid',
      ),
      'suite/b-fails.yaml': scenario('b-fails', 'steps:', '  - goto: /', 'expect:', '  text: a page that is not there'),
      'suite/c-inspect.yaml': scenario(
        'c-inspect',
        'steps:',
        '  - visit: inspect',
        '  - wait-for: { text: nothing left over }',
        '  - visit: inspect-other-origin',
        '  - wait-for: { text: nothing left over }',
        '  - login: { stop: at-provider }',
        '  - expect: { text: Username }',
        'expect:',
        '  cookie: { name: sid, present: false }',
      ),
    });
    const result = await runCli(['run', '--workers', '1', '--reporter', 'json', '--output', join(dir, 'out'), join(dir, 'suite')], { cwd: dir, timeoutMs: 240_000 });
    const report = JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8')) as RunReport;
    const byId = Object.fromEntries(report.scenarios.map((s) => [s.id, s]));
    expect(report.scenarios.map((s) => [s.id, s.verdict])).toEqual([
      ['a-plant', 'pass'],
      ['b-fails', 'fail'],
      ['c-inspect', 'pass'],
    ]);
    expect(result.code).toBe(1);
    // One worker throughout: a failed verdict does not cost the next scenario a new provider, app and browser.
    expect(new Set(report.scenarios.map((s) => s.evidence.appLog))).toEqual(new Set([expect.stringMatching(/plant-app-worker-0\.log$/)]));
    expect(byId['b-fails']!.evidence).toMatchObject({ screenshot: expect.stringMatching(/screenshot\.png$/), trace: expect.stringMatching(/trace\.zip$/) });
    expect(byId['a-plant']!.evidence.screenshot).toBeUndefined();
    expect(byId['c-inspect']!.evidence.trace).toBeUndefined();
  }, 300_000);
});

/**
 * Chromium told to ignore certificate errors still refuses the first handshake with a certificate
 * it does not trust, once per context. The runner opens the provider's front channel before any
 * scenario has the page, so that refusal is charged to no scenario; without the warm-up the first
 * scenario of every worker had it in its journal (and shards disagreed with the unsharded run).
 */
describe('ReusablePage over an HTTPS provider: the browser’s own certificate retry is in no scenario', () => {
  let browser: Browser;
  let idp: MockProviderHandle;
  beforeAll(async () => {
    idp = await createMockProvider({ https: true });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await idp?.close();
  });

  const refusals = (since: number) => idp.journal.entries(since).filter((e) => e.endpoint === 'transport' && e.tls?.handshake === 'failed');
  const discovery = () => `${idp.frontOrigin}${new URL(idp.issuer).pathname}/.well-known/openid-configuration`;

  it('without a warm-up the first visit to the front channel is refused once; with one, no scenario sees a refusal, across resets', async () => {
    const cold = await ReusablePage.open(browser, { ignoreHTTPSErrors: true });
    let since = idp.journal.lastId;
    await (await cold.take()).goto(discovery());
    expect(refusals(since)).toHaveLength(1);
    await cold.close();

    const warm = await ReusablePage.open(browser, { ignoreHTTPSErrors: true }, undefined, [`${idp.frontOrigin}/__authfault/health`]);
    for (let scenario = 0; scenario < 3; scenario++) {
      since = idp.journal.lastId;
      const page = await warm.take();
      expect((await page.goto(discovery()))?.status()).toBe(200);
      expect(refusals(since)).toEqual([]);
    }
    await warm.close();
  }, 60_000);
});
