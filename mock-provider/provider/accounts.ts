import type { Account, KoaContextWithOIDC } from 'oidc-provider';
import type Provider from 'oidc-provider';
import { userSchema, type UserConfig } from '../config/schema.js';
import { AuthfaultError } from '../util/errors.js';
import { issuesInOneLine, type Issue } from '../util/issues.js';
import { withinJsonLimits } from '../util/json-limits.js';
import { issuesFromZod } from '../util/zod-issues.js';

/** Standard claims released by scope; user-defined claims ride on `profile`. */
export function claimsByScope(users: readonly UserConfig[]): Record<string, string[]> {
  const custom = new Set<string>();
  for (const u of users) {
    for (const key of Object.keys(u.claims ?? {})) custom.add(key);
    if (u.roles) custom.add('roles');
  }
  return {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username', ...custom],
    email: ['email', 'email_verified'],
  };
}

/** oidc-provider's findAccount over the live user list (users are editable at run time). */
export function accountFinder(users: () => readonly UserConfig[]) {
  return async (_ctx: KoaContextWithOIDC, id: string): Promise<Account | undefined> => {
    const user = users().find((u) => u.id === id);
    if (!user) return undefined;
    return {
      accountId: user.id,
      async claims() {
        const { id: sub, claims, roles, ...standard } = user;
        return { sub, preferred_username: sub, ...standard, ...(roles ? { roles } : {}), ...claims };
      },
    };
  };
}

/**
 * The users the provider signs in, owned by the running provider. It reads like an array; the
 * login page, findAccount, userinfo and token claims look it up on every request, so a change
 * takes effect at the next login, token or userinfo call.
 *
 * - Every user is validated with the same schema as `provider.users` in a config file; a bad
 *   one changes nothing and throws AUTHFAULT_USER_INVALID with every issue.
 * - `patch` is a JSON merge patch (RFC 7396): fields replace, `null` removes, and `claims` merges
 *   claim by claim (a `null` claim is removed). The id never changes.
 * - Methods that build arrays (map, filter …) return plain arrays.
 */
export class UserList extends Array<UserConfig> {
  static override get [Symbol.species]() {
    return Array;
  }

  #changed: (() => void) | undefined;

  /** Called after every change, with the list already changed (the admin page's live view). */
  onChange(listener: () => void): void {
    this.#changed = listener;
  }

  /** A user by id. */
  get(id: string): UserConfig | undefined {
    return this.find((u) => u.id === id);
  }

  /** Create or replace the user with this id, keeping its place in the list. */
  set(input: unknown): UserConfig {
    const user = validUser(input);
    const at = this.findIndex((u) => u.id === user.id);
    if (at >= 0) this[at] = user;
    else this.push(user);
    this.#changed?.();
    return user;
  }

  /** Merge changes into a user. Throws AUTHFAULT_USER_NOT_FOUND, AUTHFAULT_USER_INVALID. */
  patch(id: string, changes: unknown): UserConfig {
    const current = this.get(id);
    if (!current) throw notFound(id);
    if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
      throw invalid([{ code: 'INVALID_TYPE', path: [], message: 'send the changes as a JSON object, e.g. {"claims": {"department": "sales"}}' }]);
    }
    // Without a prototype, "__proto__" is a key like any other, which the schema refuses, instead
    // of a setter that would give the user fields (roles!) through an inherited object.
    const next = bare(current);
    for (const [key, value] of Object.entries(changes)) {
      if (key === 'id') {
        if (value !== id) throw invalid([{ code: 'ID_CHANGED', path: ['id'], message: `the id cannot change (it is the subject, "${id}"); PUT the user under the new id and DELETE this one` }]);
      } else if (key === 'claims' && isPlainObject(value)) {
        const claims = bare(current.claims ?? {});
        for (const [name, claim] of Object.entries(value)) {
          if (claim === null) delete claims[name];
          else claims[name] = claim;
        }
        next.claims = claims;
      } else if (value === null) {
        delete next[key];
      } else {
        next[key] = value;
      }
    }
    return this.set(next);
  }

  /** Remove a user; false when there was none with this id. */
  remove(id: string): boolean {
    const at = this.findIndex((u) => u.id === id);
    if (at < 0) return false;
    this.splice(at, 1);
    this.#changed?.();
    return true;
  }

  /** Replace every user at once (a config reload); the caller has validated them. */
  replaceAll(users: readonly UserConfig[]): void {
    this.splice(0, this.length, ...users);
    this.#changed?.();
  }
}

/** A user decoded with userSchema; AUTHFAULT_USER_INVALID with every issue otherwise. */
export function validUser(input: unknown): UserConfig {
  withinJsonLimits(input, 'AUTHFAULT_USER_INVALID', 'the user');
  const parsed = userSchema.safeParse(input);
  if (!parsed.success) throw invalid(issuesFromZod(parsed.error, userSchema, input));
  return parsed.data;
}

function invalid(issues: Issue[]): AuthfaultError {
  return new AuthfaultError('AUTHFAULT_USER_INVALID', `invalid user: ${issuesInOneLine(issues)}`, issues);
}

function notFound(id: string): AuthfaultError {
  return new AuthfaultError('AUTHFAULT_USER_NOT_FOUND', `no user with id "${id}"; GET /__authfault/users lists them`);
}

/** A copy of `source` without a prototype: every key of a user-supplied map is its own property. */
function bare(source: object): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, source);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface ClaimsMask {
  available: Record<string, unknown>;
  scope(value?: string): ClaimsMask;
  rejected(value?: string[]): void;
  result(): Promise<Record<string, unknown>>;
}

const scopesOf = new WeakMap<object, { scopes: string[]; rejected: string[] }>();

/**
 * oidc-provider fixes at start-up which claims each scope releases and drops every other claim,
 * so a claim first given to a user at run time (`department`, say) would never reach the app.
 * This releases such a claim with the profile scope, as the start-up table (built from
 * `startupUsers`, as oidc-config.ts builds it) does for the claims users had then. It wraps the
 * provider's own Claims mask (used for userinfo and ID tokens) rather than rebuilding the
 * provider, so keys, sessions and faults stay as they are. A claim the user rejected at consent
 * stays out.
 */
export function releaseRuntimeClaims(provider: Provider, startupUsers: readonly UserConfig[]): void {
  const proto = (provider as unknown as { Claims: { prototype: ClaimsMask } }).Claims.prototype;
  const { scope, rejected, result } = proto;
  const table = new Set(Object.values(claimsByScope(startupUsers)).flat());
  proto.scope = function (this: ClaimsMask, value = '') {
    scopesOf.set(this, { scopes: value.split(' '), rejected: [] });
    return scope.call(this, value);
  };
  proto.rejected = function (this: ClaimsMask, value = []) {
    scopesOf.get(this)?.rejected.push(...value);
    return rejected.call(this, value);
  };
  proto.result = async function (this: ClaimsMask) {
    const out = await result.call(this);
    const seen = scopesOf.get(this);
    if (!seen?.scopes.includes('profile')) return out;
    for (const [name, value] of Object.entries(this.available)) {
      if (!table.has(name) && !(name in out) && !seen.rejected.includes(name)) out[name] = value;
    }
    return out;
  };
}
