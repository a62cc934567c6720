import { z } from 'zod';
import { urlPattern } from '../../scenario/url-pattern.js';
import type { PageSnapshot } from '../page-snapshot.js';

/** `key: true` or just `key:`; false would expect nothing, so it is refused rather than ignored. */
export const yes = z.boolean().refine((v) => v, { message: 'write true (or nothing after the key), or leave the key out: false expects nothing' });

/** A scenario's expected text in the app's own words, when the target config's wording has them. */
export function worded(text: string, wording: Readonly<Record<string, string>> | undefined): string {
  return wording && Object.hasOwn(wording, text) ? wording[text]! : text;
}

/** A status against 401 or a class such as "4xx". */
export function statusMatches(pattern: number | string, status: number): boolean {
  return typeof pattern === 'number' ? pattern === status : pattern === `${Math.floor(status / 100)}xx`;
}

/** A URL against a substring or /regex/flags. */
export function matchesUrl(pattern: string, url: string): boolean {
  const p = urlPattern(pattern);
  return typeof p === 'string' ? url.includes(p) : p.test(url);
}

/** What the page says, shortened, for an observation. */
export function excerpt(page: PageSnapshot): string {
  const text = page.text.replace(/\s+/g, ' ').trim();
  if (!text) return '';
  return ` (the page says: ${JSON.stringify(text.length > 100 ? `${text.slice(0, 97)}...` : text)})`;
}
