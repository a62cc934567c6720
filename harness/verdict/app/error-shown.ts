import { z } from 'zod';
import type { ErrorRule } from '../../config/types.js';
import { rule as ruleArgs, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineAppExpectation } from '../expectation.js';
import type { PageSnapshot } from '../page-snapshot.js';
import { excerpt, matchesUrl, statusMatches, worded, yes } from './shared.js';

/**
 * error-shown — the app shows an error.
 *
 * - By the target config's `error:` rule when there is one (any of its text, url or status
 *   matching); without one, by the expectation's text alone when it has one, else by a last
 *   page that answered 4xx or 5xx.
 * - Text in the expectation must be on the page as well, in the app's own words when the target
 *   config's `wording:` maps it.
 */
export const errorShownExpectation = defineAppExpectation({
  args: z
    .union([
      yes,
      z.null(),
      z.string().min(1).describe('Text the error must show.'),
      z.strictObject({ text: z.string().min(1).optional().describe('Text the error must show.'), ...ruleArgs }),
    ])
    .describe('The app shows an error page, by the target config’s `error:` rule (default: its last page answered 4xx or 5xx); with text, the page also shows that text.'),
  model: (a): { text?: string; severity?: 'must' | 'should' | 'may'; spec?: string } =>
    typeof a === 'string' ? { text: a } : { ...(typeof a === 'object' && a?.text !== undefined ? { text: a.text } : {}), ...(typeof a === 'object' ? withRule(a) : {}) },
  judge: (exp, e) => errorShown(exp.text === undefined ? exp : { ...exp, text: worded(exp.text, e.wording) }, e.page, e.errorRule),
});

export function errorShown(exp: { text?: string }, page: PageSnapshot, rule: ErrorRule | undefined): Check {
  const byRule = rule ? ruleMatch(rule, page) : exp.text === undefined ? defaultMatch(page) : 'the expectation’s text';
  const textOk = exp.text === undefined || page.text.includes(exp.text);
  const ok = byRule !== undefined && textOk;
  const expected = `the app shows an error${exp.text !== undefined ? ` mentioning ${JSON.stringify(exp.text)}` : ''} (${rule ? describeRule(rule) : exp.text !== undefined ? 'no error rule in the target config: the text decides' : 'no error rule in the target config: a page answered 4xx or 5xx'})`;
  const status = page.lastPage ? `, the app’s last page answered ${page.lastPage.status}` : '';
  const observed = ok
    ? `an error is shown (${byRule})`
    : byRule === undefined
      ? `no error is shown: the browser is at ${page.url}${status}${excerpt(page)}`
      : `an error is shown (${byRule}) but it does not mention ${JSON.stringify(exp.text)}${excerpt(page)}`;
  return { ok, expected, observed };
}

function ruleMatch(rule: ErrorRule, page: PageSnapshot): string | undefined {
  if (rule.text !== undefined && page.text.includes(rule.text)) return `the page shows ${JSON.stringify(rule.text)}`;
  if (rule.url !== undefined && matchesUrl(rule.url, page.url)) return `the browser is at ${page.url}`;
  if (rule.status !== undefined && page.lastPage && rule.status.some((p) => statusMatches(p, page.lastPage!.status))) return `the app’s last page answered ${page.lastPage.status}`;
  return undefined;
}

function defaultMatch(page: PageSnapshot): string | undefined {
  return page.lastPage && page.lastPage.status >= 400 ? `the app’s last page answered ${page.lastPage.status}` : undefined;
}

function describeRule(rule: ErrorRule): string {
  const parts = [
    ...(rule.text !== undefined ? [`the page shows ${JSON.stringify(rule.text)}`] : []),
    ...(rule.url !== undefined ? [`the URL matches ${rule.url}`] : []),
    ...(rule.status !== undefined ? [`the page answers ${rule.status.join(' or ')}`] : []),
  ];
  return `by the target config: ${parts.join(', or ')}`;
}
