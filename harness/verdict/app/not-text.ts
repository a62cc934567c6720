import { z } from 'zod';
import { rule, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineAppExpectation } from '../expectation.js';
import type { PageSnapshot } from '../page-snapshot.js';
import { excerpt, worded } from './shared.js';

/**
 * not-text — the page the steps ended on does not show this text: what the app must not present,
 * such as another person's name after a token for them arrived.
 *
 * - In the app's own words when the target config's `wording:` maps the text.
 * - Judged on the page the steps left, before the judge opens any page of its own.
 */
export const notTextExpectation = defineAppExpectation({
  args: z
    .union([z.strictObject({ text: z.string().min(1).describe('The text.'), ...rule }), z.string().min(1)])
    .describe('The page the steps ended on does not show this text: `not-text: Mallory` (another user’s name the app must not present).'),
  model: (a) => (typeof a === 'string' ? { text: a } : { text: a.text, ...withRule(a) }),
  judge: (exp, e) => textNotShown(worded(exp.text, e.wording), e.page),
});

export function textNotShown(text: string, page: PageSnapshot): Check {
  const shown = page.text.includes(text);
  return {
    ok: !shown,
    expected: `the page does not show ${JSON.stringify(text)}`,
    observed: shown ? `the page at ${page.url} shows ${JSON.stringify(text)}${excerpt(page)}` : `the page at ${page.url} does not show ${JSON.stringify(text)}`,
  };
}
