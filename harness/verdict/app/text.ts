import { z } from 'zod';
import { rule, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineAppExpectation } from '../expectation.js';
import type { PageSnapshot } from '../page-snapshot.js';
import { excerpt, worded } from './shared.js';

/**
 * text — the page the steps ended on shows this text.
 *
 * - In the app's own words when the target config's `wording:` maps the text.
 */
export const textExpectation = defineAppExpectation({
  args: z
    .union([z.strictObject({ shows: z.string().min(1).describe('The text.'), ...rule }), z.string().min(1)])
    .describe('The page the steps ended on shows this text.'),
  model: (a) => (typeof a === 'string' ? { text: a } : { text: a.shows, ...withRule(a) }),
  judge: (exp, e) => textShown({ ...exp, text: worded(exp.text, e.wording) }, e.page),
});

export function textShown(exp: { text: string }, page: PageSnapshot): Check {
  const ok = page.text.includes(exp.text);
  return { ok, expected: `the page shows ${JSON.stringify(exp.text)}`, observed: ok ? `the page shows ${JSON.stringify(exp.text)}` : `the page at ${page.url} does not show ${JSON.stringify(exp.text)}${excerpt(page)}` };
}
