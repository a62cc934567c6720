import { z } from 'zod';
import { defineKind } from '../../types.js';
import { marker } from '../shared/api-credentials.js';

/**
 * api.forbidden — the mock API answers 403 because the caller lacks a role or claim the route
 * requires, with a body that names it (`required`).
 *
 * - `claim` and `value` default to the route's first required role or claim, else role = admin.
 * - Bearer tokens and API keys alike; limit it with the envelope (`times`, `nth`, `route`).
 */
const params = z.strictObject({
  claim: z.string().min(1).optional().describe('The claim the 403 says is required; default: the route\'s first required role or claim, else "role".'),
  value: z.union([z.string(), z.number(), z.boolean()]).optional().describe('The value it must have; default: the route\'s, else "admin".'),
});

export const apiForbidden = defineKind({
  kind: 'api.forbidden',
  category: 'permissions',
  summary: 'The protected API answers 403 forbidden with a body naming the role or claim the caller lacks.',
  correctClient:
    'Keep the session, do not refresh or retry (a refreshed token carries the same roles), and show "you are not allowed to do this" — ideally hide what the user cannot use in the first place.',
  why: 'Roles do not change with a refresh: an app that retries a 403 through a refresh loops, and one that signs the user out on a 403 turns a missing permission into a lost session.',
  fix: 'Handle 403 apart from 401: render a forbidden page from the body\'s `required` and keep the session; do not call the refresh grant for it.',
  references: ['RFC 9110 §15.5.4 (403: do not repeat with the same credentials)', 'RFC 6750 §3.1'],
  points: ['api'],
  defaultPoints: ['api'],
  params,
  hooks: {
    api(call, p) {
      const [claim, value] = requirement(call.requires, p);
      const actual = call.credential.claims[claim];
      return {
        error: 'forbidden',
        required: { [claim]: value },
        description: `this route requires ${claim === 'roles' ? `role ${JSON.stringify(value)}` : `claim ${claim} = ${JSON.stringify(value)}`} (it is ${actual === undefined ? 'absent' : JSON.stringify(actual)}) ${marker('api.forbidden')}`,
      };
    },
  },
});

function requirement(requires: { roles: readonly string[]; claims: Readonly<Record<string, unknown>> }, p: z.infer<typeof params>): [string, unknown] {
  if (p.claim !== undefined) return [p.claim, p.value ?? 'admin'];
  const [first] = Object.entries(requires.claims);
  if (requires.roles[0] !== undefined) return ['roles', p.value ?? requires.roles[0]];
  if (first) return [first[0], p.value ?? first[1]];
  return ['role', p.value ?? 'admin'];
}
