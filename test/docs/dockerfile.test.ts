import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// The Dockerfile cannot be built where this project is made (no Docker engine), so it may hold
// only steps CI runs on every change: .ci/run's apt packages and its npm command.
describe('Dockerfile', () => {
  it('installs only what .ci/run installs, the same way', async () => {
    const [docker, ci] = await Promise.all([readFile(join(ROOT, 'Dockerfile'), 'utf8'), readFile(join(ROOT, '.ci/run'), 'utf8')]);
    const installed = [...docker.matchAll(/apt-get install -y -qq ([a-z0-9 .+-]+?) >/g)].flatMap((m) => m[1]!.split(' '));
    expect(installed).toEqual(['chromium-headless-shell']);
    for (const name of installed) expect(ci).toMatch(new RegExp(`browser=\\([^)]*\\b${name}\\b`));
    const commands = [...docker.matchAll(/^RUN (npm .*)$/gm)].map((m) => m[1]);
    expect(commands).toEqual(['npm ci']);
    expect(ci).toMatch(/^npm ci$/m);
    expect(docker).toMatch(/^FROM node:20-/m);
    expect(JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).engines.node).toBe('>=20.19');
  });

  it('is described in docs/docker.md, which says it is not built here', async () => {
    const doc = await readFile(join(ROOT, 'docs/docker.md'), 'utf8');
    expect(doc).toContain('docker build -t authfault .');
    expect(doc).toContain('has never been built by the project');
  });
});
