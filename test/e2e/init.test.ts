import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLACEHOLDERS } from '../../harness/config/placeholders.js';
import { runCli } from '../helpers/cli.js';

const STARTERS = ['authfault/scenarios/happy-path.yaml', 'authfault/scenarios/state-tampered.yaml', 'authfault/scenarios/token-expired.yaml'];
const WRITTEN = ['authfault.config.yaml', ...STARTERS];

describe('authfault init (the real CLI in an empty project)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authfault-init-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const read = (file: string) => readFile(join(dir, file), 'utf8');

  it('writes a config and three scenarios that authfault validate accepts, and says what to do next', async () => {
    const init = await runCli(['init'], { cwd: dir });
    expect(init).toMatchObject({ code: 0, stderr: '' });
    expect(init.stdout).toContain(
      `authfault init wrote:\n${WRITTEN.map((f) => `  ${f}\n`).join('')}wrote .gitignore: .authfault/ (where authfault idp keeps its signing key, CA and client secrets between restarts)\n\nNext steps:`,
    );
    expect(await read('.gitignore')).toBe('.authfault/\n');
    expect(init.stdout).toContain('npx authfault run authfault/scenarios');

    const validate = await runCli(['validate', 'authfault/scenarios'], { cwd: dir });
    expect(validate).toMatchObject({ code: 0, stderr: '' });
    expect(validate.stdout).toBe(`${join(dir, 'authfault.config.yaml')}: ok\n3 scenario(s): ok\n`);
  });

  it('explains every placeholder the harness fills', async () => {
    await runCli(['init'], { cwd: dir });
    const config = await read('authfault.config.yaml');
    for (const name of PLACEHOLDERS) expect(config, `{${name}}`).toContain(`{${name}}`);
  });

  it('a second init overwrites nothing and names every file it kept', async () => {
    await runCli(['init'], { cwd: dir });
    await writeFile(join(dir, 'authfault.config.yaml'), 'name: edited by the team\n');
    await writeFile(join(dir, STARTERS[0]!), '# our own scenario\n');
    const before = await Promise.all(WRITTEN.map(read));

    const again = await runCli(['init'], { cwd: dir });
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain(`authfault init wrote nothing; kept as they are, not overwritten:\n${WRITTEN.map((f) => `  ${f} (already there)\n`).join('')}`);
    expect(await Promise.all(WRITTEN.map(read))).toEqual(before);
  });

  it('writes only what is missing, and no second config beside one under another name', async () => {
    await writeFile(join(dir, 'authfault.config.ts'), 'export default {};\n');
    await mkdir(join(dir, 'authfault/scenarios'), { recursive: true });
    await writeFile(join(dir, STARTERS[1]!), '# ours\n');

    const init = await runCli(['init'], { cwd: dir });
    expect(init).toMatchObject({ code: 0, stderr: '' });
    expect(init.stdout).toContain(`authfault init wrote:\n  ${STARTERS[0]}\n  ${STARTERS[2]}\n`);
    expect(init.stdout).toContain(
      `Kept as they are, not overwritten:\n  authfault.config.ts (your config; authfault.config.yaml not written beside it)\n  ${STARTERS[1]} (already there)\n`,
    );
    expect(init.stdout).toContain('1. Edit authfault.config.ts:');
    await expect(read('authfault.config.yaml')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await read(STARTERS[1]!)).toBe('# ours\n');
  });

  it('asks nothing and takes no arguments', async () => {
    const extra = await runCli(['init', '--force'], { cwd: dir });
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("unknown option '--force'");
  });
});
