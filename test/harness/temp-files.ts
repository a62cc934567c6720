import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Files written into a fresh temp folder, removed after each test. Call at the top of a
 * describe block; the returned function takes relative paths and their contents.
 */
export function useTempFiles(): (files: Record<string, string>) => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (files) => {
    const dir = await mkdtemp(join(tmpdir(), 'authfault-test-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), text);
    }
    return dir;
  };
}

/** Lines joined with newlines, so a test's line numbers can be read off the array. */
export function lines(...all: string[]): string {
  return `${all.join('\n')}\n`;
}
