import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/index.js';
import { lines, useTempFiles } from '../harness/temp-files.js';
import { carefulTarget } from '../helpers/careful-target.js';
import { ROOT, runCli } from '../helpers/cli.js';

/**
 * The control sign-in (run-scenario.ts): a refusal counts only from an app seen signing someone
 * in when the provider behaves. A browser scenario tries the control over http first and leaves
 * the answer to the browser when that fails, so an app whose signed-in sign is never shown must
 * still come out `error` in both drivers — and the same app, told its real sign, passes.
 */
function config(signedInText: string): string {
  return lines(
    'name: careful-control',
    ...carefulTarget('    NODE_EXTRA_CA_CERTS: "{ca.path}"'),
    'login:',
    '  url: "{app}/login"',
    'signed-in:',
    `  text: ${JSON.stringify(signedInText)}`,
    'provider:',
    '  https: true',
    '  clients:',
    '    - client_id: demo-app',
    '      redirect_uris: ["{app}/callback"]',
    `scenarios: [${JSON.stringify(join(ROOT, 'scenarios'))}]`,
  );
}

describe('the control sign-in behind a refusal', () => {
  const files = useTempFiles();

  async function stateTampered(signedInText: string, driver: 'browser' | 'http') {
    const cwd = await files({ 'authfault.config.yaml': config(signedInText) });
    const out = join(cwd, 'out');
    const result = await runCli(['run', '--config', join(cwd, 'authfault.config.yaml'), '--output', out, '--reporter', 'json', '--driver', driver, '--grep', '^state-tampered$'], { cwd, timeoutMs: 120_000 });
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report.scenarios.map((s) => s.id)).toEqual(['state-tampered']);
    return { code: result.code, scenario: report.scenarios[0]! };
  }

  for (const driver of ['browser', 'http'] as const) {
    it(`makes a refusal an error when the app never shows that it signed anyone in (${driver} driver)`, async () => {
      const { code, scenario } = await stateTampered('Welcome aboard, captain', driver);
      expect(scenario.verdict).toBe('error');
      expect(scenario.diagnosis?.summary).toMatch(/does not sign anyone in even when the provider behaves/);
      expect(code).not.toBe(0);
    }, 120_000);

    it(`believes the refusal of an app that signs people in when the provider behaves (${driver} driver)`, async () => {
      const { code, scenario } = await stateTampered('Signed in as', driver);
      expect(scenario.verdict).toBe('pass');
      expect(code).toBe(0);
    }, 120_000);
  }
});
