import { z } from 'zod';
import { withSecret } from './resolve.js';
import { clientSchema, userSchema, type ClientConfig, type UserConfig } from './schema.js';
import { AuthfaultError } from '../util/errors.js';
import { issuesInOneLine } from '../util/issues.js';
import { issuesFromZod } from '../util/zod-issues.js';

/** New clients and users for a running provider, written as under `provider:` in a config file. */
export interface ReconfigureInput {
  /** The whole client list; absent: unchanged. */
  clients?: readonly unknown[];
  /** The whole user list; absent: unchanged. */
  users?: readonly unknown[];
}

/** Ids added, removed and changed, for one list. */
export interface ListChange {
  added: string[];
  removed: string[];
  changed: string[];
}

/** What a reconfigure changed. */
export interface ConfigChange {
  clients: ListChange;
  users: ListChange;
}

/** A live user list a reload replaces in place (provider/accounts.ts's UserList). */
export interface ReplaceableUsers extends ReadonlyArray<UserConfig> {
  replaceAll(users: readonly UserConfig[]): void;
}

const inputSchema = z.strictObject({ clients: z.array(clientSchema).optional(), users: z.array(userSchema).optional() });

/**
 * Replace clients and users of a running provider in place. Everything that reads them (client
 * lookup, login page, findAccount, faults) holds the same arrays, so the change is live at once;
 * keys, sessions, grants, tokens and faults are untouched.
 *
 * - All or nothing: every issue is reported at once (AUTHFAULT_CONFIG_INVALID) and nothing changes.
 * - A confidential client written without a secret keeps the secret it has now (the app was
 *   given it); a new one gets one generated, as at start-up.
 * - A redirect.mismatch fault set before the reload altered the old client entries; the new ones
 *   carry the URIs as written until the fault is set again.
 */
export function applyConfig(current: { clients: ClientConfig[]; users: ReplaceableUsers }, input: ReconfigureInput): ConfigChange {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error, inputSchema, input);
    throw new AuthfaultError('AUTHFAULT_CONFIG_INVALID', `invalid provider config: ${issuesInOneLine(issues)}`, issues);
  }
  const change: ConfigChange = { clients: unchanged(), users: unchanged() };
  if (parsed.data.clients) {
    const next = parsed.data.clients.map((c) => {
      const before = current.clients.find((b) => b.client_id === c.client_id);
      return withSecret(c.client_secret || !before?.client_secret ? c : { ...c, client_secret: before.client_secret });
    });
    change.clients = diff(current.clients, next, (c) => c.client_id);
    current.clients.splice(0, current.clients.length, ...next);
  }
  if (parsed.data.users) {
    const next: UserConfig[] = parsed.data.users;
    change.users = diff(current.users, next, (u) => u.id);
    current.users.replaceAll(next);
  }
  return change;
}

/** Whether a reconfigure changed anything at all. */
export function changedAnything(change: ConfigChange): boolean {
  return [change.clients, change.users].some((c) => c.added.length + c.removed.length + c.changed.length > 0);
}

function unchanged(): ListChange {
  return { added: [], removed: [], changed: [] };
}

function diff<T>(before: readonly T[], after: readonly T[], id: (item: T) => string): ListChange {
  const old = new Map(before.map((item) => [id(item), JSON.stringify(item)]));
  const now = new Map(after.map((item) => [id(item), JSON.stringify(item)]));
  return {
    added: [...now.keys()].filter((k) => !old.has(k)),
    removed: [...old.keys()].filter((k) => !now.has(k)),
    changed: [...now.keys()].filter((k) => old.has(k) && old.get(k) !== now.get(k)),
  };
}
