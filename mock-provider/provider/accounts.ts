import type { Account, KoaContextWithOIDC } from 'oidc-provider';
import type { UserConfig } from '../config/schema.js';

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
