import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import type { RunReport } from '../../reports/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';

/** PNG width and height, from the IHDR chunk that always comes first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const SCENARIOS = ['scenarios/controls/happy-path.yaml', 'scenarios/oauth-flow/state-tampered.yaml', 'scenarios/rate-limits/rate-limit-token.yaml'];

/**
 * The naive example app on three scenarios it handles differently (a pass, a state it does not
 * check: a fail, a Retry-After it does not wait for: a warning), written as HTML, then read in real Chromium the way
 * a person would: open it, open a failure, look at the flow, filter.
 */
describe('the HTML report in real Chromium', () => {
  let out: string;
  let run: CliResult;
  let report: RunReport;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'authfault-html-'));
    run = await runCli([
      'run',
      ...SCENARIOS,
      '--config',
      'examples/naive-app/authfault.config.yaml',
      '--reporter',
      'dot,json,html',
      '--output',
      out,
    ], { timeoutMs: 240_000 });
    report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!/^(file|data):/.test(request.url())) problems.push(`network request: ${request.url()}`);
    });
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  const visibleIds = () => page.locator('details.scenario:visible code.id').allTextContents();

  it('is written by the run, in the order of the report', () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${join(out, 'index.html')}`);
    expect(report.scenarios.map((s) => [s.id, s.verdict])).toEqual([
      ['happy-path', 'pass'],
      ['state-tampered', 'fail'],
      ['rate-limit-token', 'warn'],
    ]);
  });

  it('renders without console errors, CSP violations or network requests, with the summary and the matrix', async () => {
    expect(await page.title()).toBe('authfault: naive-app: 1 passed, 1 failed');
    expect(await page.locator('.count.v-fail b').textContent()).toBe('1');
    expect(await page.locator('.count.v-warn b').textContent()).toBe('1');
    expect(await page.locator('.matrix tbody tr').count()).toBe(8);
    expect(await page.locator('.matrix button[data-category="rate-limits"][data-verdict="warn"]').textContent()).toBe('1');
    expect(await visibleIds()).toEqual(['happy-path', 'state-tampered', 'rate-limit-token']);
    expect(problems).toEqual([]);
  });

  it('opens a failing scenario with a click: diagnosis, the flow with the fault and the wrong turn highlighted, the screenshot', async () => {
    const scenario = page.locator('details.scenario', { has: page.locator('code.id', { hasText: /^state-tampered$/ }) });
    expect(await scenario.getAttribute('open')).toBeNull();
    await scenario.locator(':scope > summary').click();
    expect(await scenario.getAttribute('open')).toBe('');

    await expect.poll(() => scenario.locator('.diagnosis .headline').isVisible()).toBe(true);
    expect(await scenario.locator('.diagnosis').textContent()).toContain('login CSRF');
    const svg = scenario.locator('svg.diagram');
    expect(await svg.isVisible()).toBe(true);
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeGreaterThan(600);
    expect(await svg.locator('.lane-label').allTextContents()).toEqual(['Browser', 'App', 'Provider', 'API']);

    const fault = svg.locator('g.message.fault line').first();
    expect(await fault.evaluate((line) => getComputedStyle(line).stroke)).toBe('rgb(188, 76, 0)');
    expect(await svg.locator('g.note.fault text').first().textContent()).toMatch(/^⚡ state\.tampered: /);
    const wrong = svg.locator('g.message.wrong');
    expect(await wrong.locator('text').textContent()).toBe('POST /default/token');
    expect(await wrong.locator('line').evaluate((line) => getComputedStyle(line).stroke)).toBe('rgb(207, 34, 46)');
    expect(await svg.locator('g.note.wrong text').textContent()).toBe('✗ went wrong here: no request to the token endpoint was expected');

    const image = scenario.locator('figure img');
    expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it('links the trace by a relative path that exists, with the show-trace command', async () => {
    const scenario = page.locator('details.scenario', { has: page.locator('code.id', { hasText: /^state-tampered$/ }) });
    const link = scenario.locator('a[href$="trace.zip"]');
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^artifacts\/[^:]+\/trace\.zip$/);
    expect(existsSync(fileURLToPath(new URL(href, pathToFileURL(join(out, 'index.html')))))).toBe(true);
    expect(await scenario.locator('code', { hasText: 'npx playwright show-trace' }).textContent()).toBe(`npx playwright show-trace ${href}`);
  });

  it('marks the early retry as where the app went wrong (a warning: Retry-After is a SHOULD)', async () => {
    const scenario = page.locator('details.scenario', { has: page.locator('code.id', { hasText: /^rate-limit-token$/ }) });
    await scenario.locator(':scope > summary').click();
    const svg = scenario.locator('svg.diagram');
    expect(await svg.locator('g.message.response.fault text').first().textContent()).toBe('429 Retry-After: 1');
    expect(await svg.locator('g.note.wrong text').textContent()).toMatch(/^✗ went wrong here: retried \d+ ms after a 429 that said Retry-After: 1$/);
  });

  it('filters by verdict, category and text, and by a click in the matrix', async () => {
    const shown = page.locator('#filters .shown');
    await page.locator('#filters input[value="fail"]').uncheck();
    expect(await visibleIds()).toEqual(['happy-path', 'rate-limit-token']);
    expect(await shown.textContent()).toBe('2 of 3 scenarios shown');
    await page.locator('#filters input[value="warn"]').uncheck();
    expect(await visibleIds()).toEqual(['happy-path']);

    await page.locator('#filters input[value="pass"]').uncheck();
    expect(await visibleIds()).toEqual([]);
    expect(await page.locator('#none').isVisible()).toBe(true);

    await page.locator('#filters [data-action="reset"]').click();
    expect(await visibleIds()).toEqual(['happy-path', 'state-tampered', 'rate-limit-token']);

    await page.locator('#filters select[name="category"]').selectOption('rate-limits');
    expect(await visibleIds()).toEqual(['rate-limit-token']);
    await page.locator('#filters select[name="category"]').selectOption('');

    await page.locator('#filters input[name="q"]').fill('STATE.tampered');
    expect(await visibleIds()).toEqual(['state-tampered']);
    await page.locator('#filters input[name="q"]').fill('');

    await page.locator('.matrix button[data-category="oauth-flow"][data-verdict="pass"]').click();
    expect(await visibleIds()).toEqual(['happy-path']);
    expect(await page.locator('#filters input[value="fail"]').isChecked()).toBe(false);
    await page.locator('#filters [data-action="reset"]').click();
    expect(problems).toEqual([]);
  });

  it('looks like something: a screenshot of the open failure is far from blank', async () => {
    const scenario = page.locator('details.scenario', { has: page.locator('code.id', { hasText: /^state-tampered$/ }) });
    await scenario.locator('.flow').scrollIntoViewIfNeeded();
    const shot = await page.screenshot();
    const blankPage = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const blank = await blankPage.screenshot();

    expect(pngSize(shot)).toEqual({ width: 1200, height: 900 });
    expect(shot.length).toBeGreaterThan(10 * blank.length);
    // Decode it in the browser and look at the pixels: many colours, much of it not background.
    const pixels = await blankPage.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      const colours = new Set<number>();
      let notWhite = 0;
      for (let i = 0; i < data.length; i += 4) {
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) notWhite++;
      }
      return { colours: colours.size, notWhite: notWhite / (data.length / 4) };
    }, `data:image/png;base64,${shot.toString('base64')}`);
    await blankPage.close();

    expect(pixels.colours).toBeGreaterThan(50);
    expect(pixels.notWhite).toBeGreaterThan(0.03);
  });

  it('is found by show-report, which prints its path and opens nothing without a display', async () => {
    const shown = await runCli(['show-report', out], { env: { DISPLAY: '', WAYLAND_DISPLAY: '' } });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(`${join(out, 'index.html')}\n${pathToFileURL(join(out, 'index.html')).href}\n`);

    const missing = await runCli(['show-report', join(out, 'artifacts')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no index\.html in .*artifacts; write one with `authfault run --reporter list,json,junit,html`/);
    expect((await stat(join(out, 'index.html'))).size).toBeGreaterThan(20_000);
  });
});
