import { z } from 'zod';
import { rule, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineAppExpectation } from '../expectation.js';
import type { PageSnapshot } from '../page-snapshot.js';
import { statusMatches } from './shared.js';

/** A status the last page must have: a number, or a class written "4xx". */
export type StatusPattern = number | `${1 | 2 | 3 | 4 | 5}xx`;

const statusPattern = z.union([
  z.int().min(100).max(599),
  z.string().regex(/^[1-5]xx$/, 'a status class such as "4xx"') as unknown as z.ZodType<StatusPattern, string>,
]);
const statusList = z.union([statusPattern, z.array(statusPattern).min(1)]);

/**
 * status — the last page the app served the person answered one of these statuses.
 *
 * - A redirect is not a page, and a `parallel` step's extra loads are not the person's.
 */
export const statusExpectation = defineAppExpectation({
  args: z
    .union([z.strictObject({ is: statusList.describe('A status, a class such as "4xx", or a list of them.'), ...rule }), statusList])
    .describe('The status of the last page the app served: 401, "4xx", or a list such as [400, 401, 403].'),
  model: (a) => (typeof a === 'object' && !Array.isArray(a) ? { oneOf: statuses(a.is), ...withRule(a) } : { oneOf: statuses(a) }),
  judge: (exp, e) => statusIs(exp, e.page),
});

function statuses(s: z.output<typeof statusList>): StatusPattern[] {
  return Array.isArray(s) ? s : [s];
}

export function statusIs(exp: { oneOf: readonly StatusPattern[] }, page: PageSnapshot): Check {
  const wanted = exp.oneOf.join(' or ');
  const expected = `the app’s last page answers ${wanted}`;
  if (!page.lastPage) return { ok: false, expected, observed: 'the app served no page' };
  const ok = exp.oneOf.some((p) => statusMatches(p, page.lastPage!.status));
  return { ok, expected, observed: `the app’s last page ${page.lastPage.url} answered ${page.lastPage.status}` };
}
