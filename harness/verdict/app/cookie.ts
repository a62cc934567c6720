import { z } from 'zod';
import { rule, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineAppExpectation } from '../expectation.js';
import type { PageSnapshot } from '../page-snapshot.js';

/** cookie — the user agent holds (or, with present: false, does not hold) this cookie for the app when the steps end. */
export const cookieExpectation = defineAppExpectation({
  args: z
    .union([
      z.string().min(1).describe('The cookie’s name: it must be set.'),
      z.strictObject({
        name: z.string().min(1).describe('The cookie’s name.'),
        present: z.boolean().optional().describe('true (the default): the browser holds it for the app; false: it does not.'),
        ...rule,
      }),
    ])
    .describe('The browser holds (or, with present: false, does not hold) this cookie for the app when the steps end.'),
  model: (a) => (typeof a === 'string' ? { name: a, present: true } : { name: a.name, present: a.present ?? true, ...withRule(a) }),
  judge: (exp, e) => cookieCheck(exp, e.page),
});

export function cookieCheck(exp: { name: string; present: boolean }, page: PageSnapshot): Check {
  const held = page.cookies.includes(exp.name);
  return {
    ok: held === exp.present,
    expected: exp.present ? `the browser holds the app’s "${exp.name}" cookie` : `the browser holds no "${exp.name}" cookie for the app`,
    observed: held ? `the browser holds "${exp.name}"` : `no "${exp.name}" cookie${page.cookies.length > 0 ? ` (the app’s cookies: ${page.cookies.join(', ')})` : ''}`,
  };
}
