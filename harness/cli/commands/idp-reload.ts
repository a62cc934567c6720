import { readFileSync, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { DEFAULTS, changedAnything, type ConfigChange, type MockProviderHandle, type ProviderConfig } from '../../../mock-provider/common.js';
import { displayPath } from '../../util/display-path.js';

/** Editors write a file in several steps (truncate, write, rename); one reload after they settle. */
export const RELOAD_DEBOUNCE_MS = 150;

export interface ConfigWatch {
  /** Resolves once the reloads queued so far are done (tests, shutdown). */
  settled(): Promise<void>;
  close(): void;
}

/**
 * Watch the config file `authfault idp` read and apply its `provider:` clients and users in
 * place when it changes, in the default issuer and every tenant; keys, sessions and faults stay.
 *
 * - The folder is watched, not the file: an editor that saves by renaming a new file over the
 *   old one would otherwise leave the watch on a file that is gone.
 * - A file that does not load (bad YAML, a schema error) changes nothing: its errors are printed
 *   and the provider keeps the config it has. Nothing here throws into the process.
 * - Settings that cannot change while running (port, path, keys, https, ttl, api …) are named as
 *   needing a restart.
 * - A .js/.mjs config is imported once per process by Node's module cache, so its edits need a
 *   restart; YAML, JSON and TypeScript configs reload.
 */
export function watchProviderConfig(
  file: string,
  initial: ProviderConfig,
  idp: MockProviderHandle,
  print: (line: string) => void,
  load: (file: string) => Promise<ProviderConfig>,
): ConfigWatch {
  const path = resolve(file);
  const name = basename(path);
  const shown = displayPath(path, process.cwd());
  let current = initial;
  let lastText = readOr(path);
  let timer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();

  const watcher = watch(dirname(path), (_event, changed) => {
    if (changed && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(() => (queue = queue.then(reload)), RELOAD_DEBOUNCE_MS);
  });
  watcher.on('error', (error) => print(`authfault idp: stopped watching ${shown} (${error.message}); restart to pick up changes`));

  async function reload(): Promise<void> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return print(`authfault idp: ${shown} is gone; keeping the current clients and users`);
    }
    if (text === lastText) return;
    lastText = text;
    if (/\.m?js$/.test(path)) return print(`authfault idp: ${shown} changed; a .js/.mjs config is loaded once, so restart to apply it`);
    let next: ProviderConfig;
    let change: ConfigChange;
    try {
      next = await load(path);
      change = idp.reconfigure({ clients: next.clients ?? DEFAULTS.clients, users: next.users ?? DEFAULTS.users });
    } catch (error) {
      return print(`authfault idp: ${shown} not applied, keeping the previous config: ${error instanceof Error ? error.message : String(error)}`);
    }
    const restart = Object.keys({ ...current, ...next })
      .filter((key) => key !== 'clients' && key !== 'users')
      .filter((key) => JSON.stringify(current[key as keyof ProviderConfig]) !== JSON.stringify(next[key as keyof ProviderConfig]))
      .map((key) => `provider.${key}`);
    current = next;
    // reconfigure on the default issuer reaches the tenants too; say so, they are issuers the user may be watching.
    const tenants = idp.tenants().length;
    const reach = tenants > 0 && changedAnything(change) ? ` (the default issuer and ${tenants} tenant${tenants === 1 ? '' : 's'})` : '';
    print(`authfault idp: reloaded ${shown}: ${describeChange(change)}${reach}${restart.length ? `; restart to apply ${restart.join(', ')}` : ''}`);
  }

  return {
    settled: () => queue,
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** "users +carol ~alice -bob; clients ~demo-app", or that nothing changed. */
export function describeChange(change: ConfigChange): string {
  const parts = (['users', 'clients'] as const)
    .map((list) => {
      const c = change[list];
      const ids = [...c.added.map((id) => `+${id}`), ...c.changed.map((id) => `~${id}`), ...c.removed.map((id) => `-${id}`)];
      return ids.length ? `${list} ${ids.join(' ')}` : '';
    })
    .filter(Boolean);
  return parts.length ? parts.join('; ') : 'clients and users unchanged';
}
