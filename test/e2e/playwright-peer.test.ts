import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { PLAYWRIGHT_MIN } from '../../harness/runner/playwright-cli.js';

/**
 * authfault in consumer projects, as a team installs it: the packed package with @playwright/test
 * as a peer, at the oldest version of the tested range and at the newest. One npm cache is shared
 * by every install (and kept between runs in the system's temporary folder), so only the first
 * run downloads Playwright.
 */
const CACHE = join(tmpdir(), 'authfault-npm-cache');
const BROWSER = { AUTHFAULT_BROWSER: '/usr/bin/chromium' };

interface Run {
  code: number | null;
  output: string;
}

let work: string;
let tarball: string;
/** The newest release in the range: what npm installs for the peer today. */
let newest: string;

beforeAll(async () => {
  const latest = await run('npm', ['view', '@playwright/test@<2', 'version', '--json'], ROOT, { npm_config_cache: CACHE });
  expect(latest.code, latest.output).toBe(0);
  newest = [JSON.parse(latest.output) as string | string[]].flat().at(-1)!;
  work = await mkdtemp(join(tmpdir(), 'authfault-consumers-'));
  const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], ROOT);
  expect(packed.code, packed.output).toBe(0);
  tarball = join(work, (await readdir(work)).find((f) => f.endsWith('.tgz'))!);
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the package', () => {
  it('ships JavaScript whose stack traces name files it ships: no source maps pointing at .ts sources it leaves out', async () => {
    const extracted = join(work, 'extracted');
    await mkdir(extracted);
    const untar = await run('tar', ['-xzf', tarball, '-C', extracted], work);
    expect(untar.code, untar.output).toBe(0);
    const files = (await readdir(join(extracted, 'package'), { recursive: true })).map(String);
    expect(files.filter((f) => f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
    const scripts = files.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(100);
    const mapped = [];
    for (const f of scripts) if ((await readFile(join(extracted, 'package', f), 'utf8')).includes('sourceMappingURL')) mapped.push(f);
    expect(mapped).toEqual([]);
  });
});

describe('package.json', () => {
  it('asks for @playwright/test as a peer, from the oldest version the runner accepts', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(pkg.dependencies!['@playwright/test']).toBeUndefined();
    expect(pkg.peerDependencies).toEqual({ '@playwright/test': `>=${PLAYWRIGHT_MIN} <2` });
  });
});

describe.each(['oldest', 'newest'])('a consumer project on the %s @playwright/test of the range', (which) => {
  let dir: string;
  let version: string;
  beforeAll(async () => {
    version = which === 'oldest' ? PLAYWRIGHT_MIN : newest;
    dir = join(work, `pw-${version}`);
    await consumer(dir, [`@playwright/test@${version}`, tarball, 'express', 'openid-client']);
    await cp(join(ROOT, 'examples/own-tests/app.ts'), join(dir, 'app.ts'));
    await cp(join(ROOT, 'examples/own-tests/playwright'), join(dir, 'playwright'), { recursive: true });
  }, 300_000);

  it('holds one copy of @playwright/test, the one it asked for', async () => {
    expect(await copiesOf(dir)).toEqual([{ at: 'node_modules/@playwright/test', version }]);
  });

  it('runs the fixture example through its own Playwright CLI in Chromium', async () => {
    // The list reporter: every version of the range has it (the JSON one's output file came later).
    const res = await run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '--config', 'playwright/playwright.config.ts', '--reporter=list'], dir, BROWSER);
    expect(res.code, res.output).toBe(0);
    expect(res.output).toMatch(/^\s+3 passed \(/m);
    expect(res.output).not.toMatch(/failed|flaky|skipped/);
  }, 240_000);
});

describe('authfault run on the oldest @playwright/test of the range (the newest: below)', () => {
  it('runs scenarios with the consumer\'s own Playwright', async () => {
    const dir = join(work, `pw-${PLAYWRIGHT_MIN}`);
    const res = await runScenarios(dir, join(dir, 'app'));
    expect(res.code, res.output).toBe(0);
    expect(res.output).toContain('2 passed, 0 failed, 0 warned, 0 errors, 0 skipped');
  }, 240_000);
});

describe('a consumer project that installs only authfault', () => {
  it('gets @playwright/test as a peer (npm 7+), and authfault run works on it', async () => {
    const dir = join(work, 'only-authfault');
    await consumer(dir, [tarball]);
    expect(await copiesOf(dir)).toEqual([{ at: 'node_modules/@playwright/test', version: newest }]);
    // The app comes from the oldest consumer, whose node_modules have express and openid-client.
    const res = await runScenarios(dir, join(work, `pw-${PLAYWRIGHT_MIN}`, 'app'));
    expect(res.code, res.output).toBe(0);
    expect(res.output).toContain('2 passed, 0 failed, 0 warned, 0 errors, 0 skipped');
  }, 300_000);

  it('refuses a @playwright/test older than the range with what to install, instead of running nothing', async () => {
    const dir = join(work, 'only-authfault');
    const manifest = join(dir, 'node_modules/@playwright/test/package.json');
    const original = await readFile(manifest, 'utf8');
    await writeFile(manifest, JSON.stringify({ ...JSON.parse(original), version: '1.41.0' }));
    await writeConfig(dir, join(work, `pw-${PLAYWRIGHT_MIN}`, 'app'));
    try {
      const res = await run(process.execPath, ['node_modules/authfault/dist/harness/cli/main.js', 'run'], dir, BROWSER);
      expect(res.code).toBe(2);
      expect(res.output).toContain(`authfault: authfault run needs @playwright/test ${PLAYWRIGHT_MIN} or newer; 1.41.0 is installed: npm install --save-dev @playwright/test@latest [AUTHFAULT_PLAYWRIGHT_TOO_OLD]`);
    } finally {
      await writeFile(manifest, original);
    }
  });
});

/** A fresh project with these packages installed as dev dependencies, from the shared cache. */
async function consumer(dir: string, packages: string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const res = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', ...packages], dir, { npm_config_cache: CACHE });
  expect(res.code, res.output).toBe(0);
}

/** Every installed @playwright/test, wherever npm put it. */
async function copiesOf(dir: string): Promise<{ at: string; version: string }[]> {
  const found: { at: string; version: string }[] = [];
  for (const entry of await readdir(join(dir, 'node_modules'), { recursive: true })) {
    const path = String(entry);
    if (path === '@playwright/test/package.json' || path.endsWith('/node_modules/@playwright/test/package.json')) {
      const { version } = JSON.parse(await readFile(join(dir, 'node_modules', path), 'utf8')) as { version: string };
      found.push({ at: `node_modules/${path.replace(/\/package\.json$/, '')}`, version });
    }
  }
  return found;
}

/** Two bundled scenarios against careful-app (built, copied from dist/examples), with the project's own authfault. */
async function runScenarios(dir: string, app: string): Promise<Run> {
  await cp(join(ROOT, 'dist/examples/careful-app'), join(app, 'careful-app'), { recursive: true });
  await cp(join(ROOT, 'dist/examples/shared'), join(app, 'shared'), { recursive: true });
  await writeConfig(dir, app);
  return run(process.execPath, ['node_modules/authfault/dist/harness/cli/main.js', 'run', '--grep', '^(state-tampered|token-expired)$', '--reporter', 'list', '--output', 'report'], dir, BROWSER);
}

/** careful-app's target config, starting the copy of the app in `app`. */
async function writeConfig(dir: string, app: string): Promise<void> {
  const config = (await readFile(join(ROOT, 'examples/careful-app/authfault.config.yaml'), 'utf8'))
    .replace('node ../../dist/examples/careful-app/server.js', `node ${join(app, 'careful-app/server.js')}`)
    .replace(/^# yaml-language-server.*\n/, '');
  await writeFile(join(dir, 'authfault.config.yaml'), config);
}

/** A command in `cwd`, with this vitest's and npm's own variables left out. */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && !key.startsWith('npm_')));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...inherited, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}
