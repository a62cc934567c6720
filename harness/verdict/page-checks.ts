import type { ErrorRule } from '../config/types.js';
import type { AppExpectation, StatusPattern } from '../scenario/types.js';
import { urlPattern } from '../scenario/url-pattern.js';
import type { Check } from './check.js';
import type { PageSnapshot } from './page-snapshot.js';

/**
 * The expectations judged on the page the steps ended on: text, url, status, cookie and
 * error-shown. Pure functions of a PageSnapshot, so each is tested on hand-built pages.
 */

type Exp<T extends AppExpectation['type']> = Extract<AppExpectation, { type: T }>;

/** text — the page shows this text. */
export function textShown(exp: Exp<'text'>, page: PageSnapshot): Check {
  const ok = page.text.includes(exp.text);
  return { ok, expected: `the page shows ${JSON.stringify(exp.text)}`, observed: ok ? `the page shows ${JSON.stringify(exp.text)}` : `the page at ${page.url} does not show ${JSON.stringify(exp.text)}${excerpt(page)}` };
}

/** url — the browser ended at a URL matching the pattern. */
export function urlMatches(exp: Exp<'url'>, page: PageSnapshot): Check {
  const ok = matchesUrl(exp.pattern, page.url);
  return { ok, expected: `the browser ends at a URL matching ${exp.pattern}`, observed: `the browser ended at ${page.url}` };
}

/** status — the last page the app served had one of these statuses. */
export function statusIs(exp: Exp<'status'>, page: PageSnapshot): Check {
  const wanted = exp.oneOf.join(' or ');
  const expected = `the app’s last page answers ${wanted}`;
  if (!page.lastPage) return { ok: false, expected, observed: 'the app served no page' };
  const ok = exp.oneOf.some((p) => statusMatches(p, page.lastPage!.status));
  return { ok, expected, observed: `the app’s last page ${page.lastPage.url} answered ${page.lastPage.status}` };
}

/** cookie — the browser holds (or does not hold) this cookie for the app. */
export function cookieCheck(exp: Exp<'cookie'>, page: PageSnapshot): Check {
  const held = page.cookies.includes(exp.name);
  return {
    ok: held === exp.present,
    expected: exp.present ? `the browser holds the app’s "${exp.name}" cookie` : `the browser holds no "${exp.name}" cookie for the app`,
    observed: held ? `the browser holds "${exp.name}"` : `no "${exp.name}" cookie${page.cookies.length > 0 ? ` (the app’s cookies: ${page.cookies.join(', ')})` : ''}`,
  };
}

/**
 * error-shown — the app shows an error. By the target config's `error:` rule when there is one
 * (any of its text, url or status matching); without one, by the expectation's text alone when
 * it has one, else by a last page that answered 4xx or 5xx. Text in the expectation must be on
 * the page as well.
 */
export function errorShown(exp: Exp<'error-shown'>, page: PageSnapshot, rule: ErrorRule | undefined): Check {
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

export function statusMatches(pattern: StatusPattern | string, status: number): boolean {
  return typeof pattern === 'number' ? pattern === status : pattern === `${Math.floor(status / 100)}xx`;
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

function matchesUrl(pattern: string, url: string): boolean {
  const p = urlPattern(pattern);
  return typeof p === 'string' ? url.includes(p) : p.test(url);
}

function excerpt(page: PageSnapshot): string {
  const text = page.text.replace(/\s+/g, ' ').trim();
  if (!text) return '';
  return ` (the page says: ${JSON.stringify(text.length > 100 ? `${text.slice(0, 97)}...` : text)})`;
}
