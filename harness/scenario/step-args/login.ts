import { z } from 'zod';
import type { LoginStop } from '../types.js';

export const LOGIN_STOPS = ['before-provider', 'at-provider', 'after-callback'] as const satisfies readonly LoginStop[];

/**
 * Where a login may stop:
 *
 * - `before-provider`: the app built its authorization request and sent the browser off; the
 *   harness keeps the browser from reaching the provider (the provider sees no authorization request).
 * - `at-provider`: the provider's login page is shown; nobody has signed in there yet.
 * - `after-callback`: the whole login: signed in at the provider and back in the app, whose answer
 *   to the callback has loaded. The default, named for scenarios that want to say so.
 */
export const loginArgs = z
  .union([
    z.string().min(1).describe('The user to sign in as (a user id of the provider).'),
    z.strictObject({
      user: z.string().min(1).optional().describe('The user to sign in as; default: the config’s first user.'),
      stop: z
        .enum(LOGIN_STOPS)
        .optional()
        .describe('Where the login stops: before-provider (the browser never reaches the provider), at-provider (its login page is shown), after-callback (the default: the whole login).'),
    }),
    z.null(),
  ])
  .describe('Start the app’s login and complete the provider’s login: `login: alice`, `login: {}` for the config’s first user, or `login: { user: bob, stop: at-provider }`.');

const STOP_WORDS: Record<LoginStop, string> = {
  'before-provider': ', stopping before the provider',
  'at-provider': ', stopping at the provider',
  'after-callback': '',
};

export function loginTitle(user: string | undefined, stop: LoginStop | undefined): string {
  return `login as ${user ?? 'the default user'}${stop ? STOP_WORDS[stop] : ''}`;
}
