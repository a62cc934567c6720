import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTogether } from '../../harness/drivers/browser/start-together.js';
import { launchBrowser } from '../helpers/browser.js';

/**
 * The parallel step's barrier, in real Chromium against a real server: no tab's request reaches
 * the server before every tab has made its own, and then all of them do; a tab that never
 * navigates holds the others only for the barrier's limit; redirects are not held.
 */
describe('startTogether: tabs whose loads leave together (real Chromium)', () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  const arrived: string[] = [];
  let context: BrowserContext;

  beforeAll(async () => {
    server = createServer(answer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  beforeEach(async () => {
    arrived.length = 0;
    context = await browser.newContext();
  });
  afterEach(async () => {
    server.removeAllListeners('request');
    server.on('request', answer);
    await context.close();
  });

  function answer(req: IncomingMessage, res: ServerResponse): void {
    arrived.push(req.url!);
    if (req.url === '/moved') res.writeHead(302, { location: '/page' }).end();
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
  }
  const tabs = (n: number): Promise<Page[]> => Promise.all(Array.from({ length: n }, () => context.newPage()));
  /** Resolves when the tab's navigation request has been made (before any route handles it). */
  const requested = (tab: Page, url: string) => tab.waitForRequest((r) => r.url() === url);

  it('holds every tab until the last has made its request, then lets all through', async () => {
    const url = `${base}/page`;
    const [a, b, c] = await tabs(3);
    let lastMade = false;
    const seenBeforeLast: string[] = [];
    server.on('request', (req) => void (lastMade || seenBeforeLast.push(req.url!)));
    const release = await startTogether([a!, b!, c!], url, 60_000);
    try {
      const made = [requested(a!, url), requested(b!, url)];
      const early = [a!.goto(url), b!.goto(url)];
      await Promise.all(made);
      // Two of three requests are made. Unheld, they reach the server in well under a round trip
      // of a request of our own to it; only then does the last tab start.
      await fetch(`${base}/ping`);
      const lastRequested = requested(c!, url).then(() => void (lastMade = true));
      await Promise.all([...early, c!.goto(url), lastRequested]);
      expect(seenBeforeLast).toEqual(['/ping']);
      expect(arrived.filter((u) => u === '/page')).toHaveLength(3);
    } finally {
      await release();
    }
  });

  it('holds a page named with a fragment, which its requests never carry', async () => {
    const [a, b] = await tabs(2);
    let first = true;
    const seenBeforeSecond: string[] = [];
    server.on('request', (req) => void (first && seenBeforeSecond.push(req.url!)));
    const release = await startTogether([a!, b!], `${base}/page#top`, 60_000);
    try {
      const made = requested(a!, `${base}/page`);
      const early = a!.goto(`${base}/page#top`);
      await made;
      await fetch(`${base}/ping`);
      first = false;
      await Promise.all([early, b!.goto(`${base}/page#top`)]);
      expect(seenBeforeSecond).toEqual(['/ping']);
    } finally {
      await release();
    }
  });

  it('lets the held tabs go after its limit when a tab never navigates', async () => {
    const url = `${base}/page`;
    const [a, b] = await tabs(2);
    const release = await startTogether([a!, b!], url, 300);
    try {
      const response = await a!.goto(url);
      expect(response?.status()).toBe(200);
      expect(arrived).toEqual(['/page']);
    } finally {
      await release();
    }
  });

  it('holds only the first navigation: the redirect it leads to goes straight on', async () => {
    const moved = `${base}/moved`;
    const [a, b] = await tabs(2);
    const release = await startTogether([a!, b!], moved, 60_000);
    try {
      const responses = await Promise.all([a!.goto(moved), b!.goto(moved)]);
      expect(responses.map((r) => r?.url())).toEqual([`${base}/page`, `${base}/page`]);
      expect(arrived.sort()).toEqual(['/moved', '/moved', '/page', '/page']);
    } finally {
      await release();
    }
  });

  it('release() lets a request still held go, and removes its routes', async () => {
    const url = `${base}/page`;
    const [a, b] = await tabs(2);
    const release = await startTogether([a!, b!], url, 60_000);
    const load = a!.goto(url);
    await requested(a!, url);
    await release();
    expect((await load)?.status()).toBe(200);
    await b!.goto(url);
    expect(arrived).toEqual(['/page', '/page']);
  });
});
