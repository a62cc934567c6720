import { z } from 'zod';
import { rule, withRule } from '../../scenario/severity.js';
import { urlPatternSchema } from '../../scenario/url-pattern.js';
import type { Check } from '../check.js';
import { defineAppExpectation } from '../expectation.js';
import type { PageSnapshot } from '../page-snapshot.js';
import { matchesUrl } from './shared.js';

/** url — the user agent ended at a URL matching the pattern: a substring, or /regex/flags. */
export const urlExpectation = defineAppExpectation({
  args: z
    .union([z.strictObject({ matches: urlPatternSchema, ...rule }), urlPatternSchema])
    .describe('The URL the steps ended on matches: a substring, or /regex/flags.'),
  model: (a) => (typeof a === 'string' ? { pattern: a } : { pattern: a.matches, ...withRule(a) }),
  judge: (exp, e) => urlMatches(exp, e.page),
});

export function urlMatches(exp: { pattern: string }, page: PageSnapshot): Check {
  const ok = matchesUrl(exp.pattern, page.url);
  return { ok, expected: `the browser ends at a URL matching ${exp.pattern}`, observed: `the browser ended at ${page.url}` };
}
