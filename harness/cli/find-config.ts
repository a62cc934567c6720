import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Config file names looked for in the working directory, in this order. */
export const CONFIG_NAMES = ['authfault.config.ts', 'authfault.config.mjs', 'authfault.config.js', 'authfault.config.yaml', 'authfault.config.yml', 'authfault.config.json'];

export function findConfigFile(dir: string): string | undefined {
  return CONFIG_NAMES.map((name) => join(dir, name)).find((file) => existsSync(file));
}
