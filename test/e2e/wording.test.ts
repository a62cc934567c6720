import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/index.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { lines, useTempFiles } from '../harness/temp-files.js';
import { carefulTarget } from '../helpers/careful-target.js';

/**
 * wording: the bundled scenarios expect careful-app's words ("Your orders", "Orders unavailable");
 * a target config maps them to its app's own. careful-app's config, copied, with the wording of
 * an app that calls its page "Order history": the mapping is what the judge looks for.
 */
describe('wording: the bundled scenarios’ texts in the app’s own words (real CLI, careful-app)', () => {
  const files = useTempFiles();
  const config = (...wording: string[]) =>
    lines(
      'name: careful-app-reworded',
      ...carefulTarget('    API_URL: "{api}"'),
      'login:',
      '  url: "{app}/login"',
      'signed-in:',
      '  text: "Signed in as"',
      'pages:',
      '  orders: "{app}/orders"',
      'provider:',
      '  clients:',
      '    - client_id: demo-app',
      '      redirect_uris: ["{app}/callback"]',
      ...wording,
    );

  it('judges the text through the mapping: the app’s words pass, words it does not show break the scenario’s rule (a should: warn) and are named', async () => {
    const dir = await files({
      // The orders page lists the API's items; "Blue mug" is one of them.
      'shows.yaml': config('wording:', '  Your orders: Blue mug', '  Orders unavailable: Orders could not be loaded'),
      'missing.yaml': config('wording:', '  Your orders: Order history'),
    });
    const run = async (name: string) => {
      const out = join(dir, `out-${name}`);
      await runCli(['run', '--config', join(dir, `${name}.yaml`), '--driver', 'http', '--workers', '1', '--reporter', 'json', '--output', out, join(ROOT, 'scenarios/api/api-orders.yaml')], { cwd: dir, timeoutMs: 120_000 });
      return JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
    };
    const shows = await run('shows');
    expect(shows.scenarios.map((s) => [s.id, s.verdict])).toEqual([['api-orders', 'pass']]);
    const missing = await run('missing');
    expect(missing.scenarios.map((s) => [s.id, s.verdict])).toEqual([['api-orders', 'warn']]);
    expect(missing.scenarios[0]!.diagnosis!.summary).toContain('does not show "Order history"');
  }, 300_000);

  it('validate accepts a wording map and refuses one that is not text → text (exit 2)', async () => {
    const dir = await files({ 'bad.yaml': config('wording:', '  Your orders: [not, text]') });
    const bad = await runCli(['validate', '--config', join(dir, 'bad.yaml'), join(ROOT, 'scenarios/api/api-orders.yaml')], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:\d+:\d+ wording\.Your orders: /);
  });
});
