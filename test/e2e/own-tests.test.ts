import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// The examples of docs/testing-your-app.md, run the way a team runs its own suites: the real
// Playwright CLI and a separate vitest. The root vitest config includes test/ only, so this is the
// one place `npm test` runs them.

const EXAMPLE_FILES = [
  'examples/own-tests/app.ts',
  'examples/own-tests/playwright/playwright.config.ts',
  'examples/own-tests/playwright/sign-in.spec.ts',
  'examples/own-tests/vitest/sign-in.spec.ts',
  'examples/own-tests/vitest/vitest.config.ts',
];

interface Run {
  code: number | null;
  output: string;
}

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'authfault-own-tests-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('examples/own-tests/playwright through the Playwright CLI', () => {
  it('passes its three tests in real Chromium: sign-in, a refused tampered state, no faults leaked', async () => {
    const json = join(out, 'playwright.json');
    const run = await node(
      ['node_modules/@playwright/test/cli.js', 'test', '--config', 'examples/own-tests/playwright/playwright.config.ts', '--output', join(out, 'playwright'), '--reporter=list,json'],
      { PLAYWRIGHT_JSON_OUTPUT_FILE: json },
    );
    expect(run.code, run.output).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8')) as PlaywrightReport;
    expect(report.errors).toEqual([]);
    expect(report.stats).toMatchObject({ expected: 3, unexpected: 0, flaky: 0, skipped: 0 });
    expect(report.suites.flatMap((s) => s.specs.map((spec) => spec.title))).toEqual([
      'signs alice in',
      'refuses a callback whose state was tampered with',
      'starts without the faults of the test before',
    ]);
  }, 240_000);
});

// What the example does not show: faults set through `idp.faults` are cleared too, `remove`, a bad
// fault's error, and the journal attached to a failing test's report. The spec lives under the
// repository (its .tmp/ is ignored by git) so that `authfault/playwright` resolves to this package.
const CONTRACT_SPEC = `
import { test, expect } from 'authfault/playwright';

test('a fault set through idp.faults', async ({ idp }) => {
  await idp.faults.add({ kind: 'state.tampered' });
  await fetch(idp.issuer + '/.well-known/openid-configuration');
});

test('is gone in the next test; remove and a bad kind', async ({ idp, faults }) => {
  expect(idp.faults.list()).toEqual([]);
  const [set] = await faults.add({ kind: 'token.expired', token: 'access_token', when: { endpoint: 'token', times: 1 } });
  expect(faults.list()).toMatchObject([{ kind: 'token.expired', params: { token: 'access_token' }, when: { endpoint: ['token'], times: 1 } }]);
  expect(faults.remove(set!.id)).toBe(true);
  expect(faults.list()).toEqual([]);
  await expect(faults.add({ kind: 'state.tamperd' })).rejects.toMatchObject({ code: 'AUTHFAULT_FAULT_INVALID', message: expect.stringContaining('did you mean "state.tampered"') });
});

test('a failing test carries its own journal', async ({ idp }) => {
  await fetch(idp.issuer + '/jwks');
  expect('the app').toBe('fixed');
});
`;

describe('authfault/playwright fixture contract', () => {
  it('clears faults however they were set, and attaches the journal of a failing test', async () => {
    await mkdir(join(ROOT, '.tmp'), { recursive: true });
    const dir = await mkdtemp(join(ROOT, '.tmp', 'own-tests-'));
    try {
      await writeFile(join(dir, 'contract.spec.ts'), CONTRACT_SPEC);
      await writeFile(join(dir, 'playwright.config.ts'), "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ testDir: '.' });\n");
      const json = join(out, 'contract.json');
      const run = await node(['node_modules/@playwright/test/cli.js', 'test', '--config', join(dir, 'playwright.config.ts'), '--output', join(out, 'contract'), '--reporter=json'], {
        PLAYWRIGHT_JSON_OUTPUT_FILE: json,
      });
      expect(run.code, run.output).toBe(1);
      const report = JSON.parse(await readFile(json, 'utf8')) as PlaywrightReport;
      const results = report.suites.flatMap((s) => s.specs.map((spec) => ({ title: spec.title, ...spec.tests[0]!.results[0]! })));
      expect(results.map((r) => [r.title, r.status, r.workerIndex])).toEqual([
        ['a fault set through idp.faults', 'passed', 0],
        ['is gone in the next test; remove and a bad kind', 'passed', 0],
        ['a failing test carries its own journal', 'failed', 0],
      ]);
      expect(results[0]!.attachments).toEqual([]);
      const attached = results[2]!.attachments.find((a) => a.name === 'authfault-journal')!;
      expect(attached.contentType).toBe('application/json');
      const journal = JSON.parse(Buffer.from(attached.body!, 'base64').toString('utf8')) as { endpoint: string; status: number }[];
      expect(journal).toMatchObject([{ endpoint: 'jwks', status: 200 }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('examples/own-tests/vitest through its own vitest run', () => {
  it('passes its four supertest tests against the app with the provider as issuer', async () => {
    const json = join(out, 'vitest.json');
    const run = await node(['node_modules/vitest/vitest.mjs', 'run', '--root', 'examples/own-tests/vitest', '--no-cache', '--reporter=json', `--outputFile=${json}`]);
    expect(run.code, run.output).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8')) as VitestReport;
    expect(report).toMatchObject({ success: true, numTotalTests: 4, numPassedTests: 4, numFailedTests: 0 });
    expect(report.testResults.flatMap((file) => file.assertionResults.map((t) => t.title))).toEqual([
      'signs alice in',
      'refuses a callback whose state was tampered with, and never redeems the code',
      'refuses an expired id_token',
      'starts every test without the faults of the one before',
    ]);
  }, 240_000);
});

describe('docs/testing-your-app.md', () => {
  it.each(EXAMPLE_FILES)('shows %s exactly as it runs here', async (file) => {
    const [doc, source] = await Promise.all([readFile(join(ROOT, 'docs/testing-your-app.md'), 'utf8'), readFile(join(ROOT, file), 'utf8')]);
    expect(doc, `copy ${file} into its block in docs/testing-your-app.md`).toContain(`\`\`\`ts title="${file}"\n${source}\`\`\``);
  });
});

/** Node on a script from the repository root, with this vitest's own variables left out. */
function node(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...inherited, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

interface PlaywrightReport {
  errors: unknown[];
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: {
    specs: {
      title: string;
      tests: { results: { status: string; workerIndex: number; attachments: { name: string; contentType: string; body?: string }[] }[] }[];
    }[];
  }[];
}

interface VitestReport {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { title: string }[] }[];
}
