import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * docs/five-minutes.md, followed as a newcomer follows it: an empty folder, the page's app, the
 * packed authfault installed from npm's cache, init, the two edits the page names, validate, run.
 */
const CACHE = join(tmpdir(), 'authfault-npm-cache');

interface Run {
  code: number | null;
  output: string;
}

describe('docs/five-minutes.md from an empty folder', () => {
  let work: string;
  let app: string;
  let doc: string;

  beforeAll(async () => {
    doc = await readFile(join(ROOT, 'docs/five-minutes.md'), 'utf8');
    work = await mkdtemp(join(tmpdir(), 'authfault-five-minutes-'));
    const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], ROOT);
    expect(packed.code, packed.output).toBe(0);
    const tarball = join(work, (await readdir(work)).find((f) => f.endsWith('.tgz'))!);

    // 1. An app that signs people in.
    app = join(work, 'my-app');
    await mkdir(app);
    for (const step of [['npm', 'init', '-y'], ['npm', 'install', '--no-audit', '--no-fund', '--prefer-offline', 'express', 'openid-client']]) {
      const res = await run(step[0]!, step.slice(1), app);
      expect(res.code, res.output).toBe(0);
    }
    await writeFile(join(app, 'app.mjs'), block(doc, 'js title="app.mjs"'));
    // 2. Install authfault (the packed one, as the page says to until it is published) and init.
    const install = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', tarball], app);
    expect(install.code, install.output).toBe(0);
  }, 300_000);
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('init, the two edits, validate and run end at the failing scenario the page shows', async () => {
    const init = await authfault(['init']);
    expect(init.code, init.output).toBe(0);

    // 3. The two lines the page says to change, to the values it gives.
    const edits = block(doc, 'yaml');
    expect(edits).toContain('  command: node app.mjs');
    expect(edits).toContain('  text: Signed in as');
    const file = join(app, 'authfault.config.yaml');
    const template = await readFile(file, 'utf8');
    const edited = template.replace(/^ {2}command: npm start$/m, '  command: node app.mjs').replace(/^ {2}text: Sign out\b.*$/m, '  text: Signed in as');
    expect(edited).not.toBe(template);
    await writeFile(file, edited);

    const validate = await authfault(['validate', 'authfault/scenarios']);
    expect(validate.code, validate.output).toBe(0);
    expect(validate.output).toBe(`${file}: ok\n3 scenario(s): ok\n`);

    // 4. Run: the page's output, but for the seed and the timings.
    const result = await authfault(['run', 'authfault/scenarios']);
    expect(result.code, result.output).toBe(1);
    const shown = block(doc, 'text', 1).split('\n').filter(Boolean);
    expect(shown).toHaveLength(6);
    for (const line of shown) expect(result.output).toMatch(new RegExp(`^${pattern(line)}$`, 'm'));
  }, 180_000);

  function authfault(args: string[]): Promise<Run> {
    return run(process.execPath, [join(app, 'node_modules/authfault/dist/harness/cli/main.js'), ...args], app);
  }
});

/** The nth fenced block with this info string, as written in the page. */
function block(doc: string, info: string, nth = 0): string {
  const blocks = [...doc.matchAll(new RegExp(`^\`\`\`${info.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))];
  expect(blocks.length, `a \`\`\`${info} block in docs/five-minutes.md`).toBeGreaterThan(nth);
  return blocks[nth]![1]!;
}

/** A line of the page's output as a pattern: its seed and timings may differ, nothing else. */
function pattern(line: string): string {
  return line
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\\\(seed [0-9a-f]+\\\)/, '\\(seed [0-9a-f]+\\)')
    .replace(/\\\(\d+m?s\\\)$/, '\\(\\d+(\\.\\d+)?m?s\\)');
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && !key.startsWith('npm_')));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...env, NO_COLOR: '1', npm_config_cache: CACHE }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}
