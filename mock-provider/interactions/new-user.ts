import type { UserConfig } from '../config/schema.js';

/** Longer than any real login name, short enough to keep the login page and tokens readable. */
export const MAX_USER_NAME = 200;

/**
 * A user made on the fly when someone signs in under a name the provider does not know — the
 * mock's promise that anyone can sign in as anyone. Default claims: a name from the login name
 * ("carol" → "Carol"), and an email (the login name itself when it is one, else
 * `{name}@example.com`), verified.
 */
export function newUser(id: string): UserConfig {
  const local = id.includes('@') ? id.slice(0, id.indexOf('@')) : id;
  const name = local.charAt(0).toUpperCase() + local.slice(1);
  return { id, name, given_name: name, email: id.includes('@') ? id : `${id.replace(/\s+/g, '.')}@example.com`, email_verified: true };
}
