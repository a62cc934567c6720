/**
 * Escaping for everything the HTML report writes. Scenario ids, titles, diagnoses, journal paths
 * and app errors are all user- or app-controlled, so nothing reaches the page unescaped:
 * - `html` escapes the five characters that matter in text and in quoted attributes alike;
 * - `href` builds a relative link segment by segment, so a path can never become a `javascript:`
 *   or other scheme URL (a `:` is percent-encoded) nor break out of the attribute.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function html(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A relative path (forward slashes) as an href value, already attribute-escaped. */
export function href(relativePath: string): string {
  return html(relativePath.split('/').map(encodeURIComponent).join('/'));
}
