/**
 * Route patterns: `[METHOD ]PATH`, as written in `when.route`, in journal counts and in the
 * journal's `api.route`.
 *
 * - PATH is the full path under the origin ("/api/orders"); a `:name` segment matches any one
 *   segment, and a trailing "/" is ignored on both sides.
 * - Without a METHOD the pattern matches every method.
 * - Matching is exact otherwise: "/api/orders" does not match "/api/orders/17".
 */

export const ROUTE_PATTERN = /^(?:(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) )?(\/[A-Za-z0-9._~:/-]*)$/;

export const ROUTE_PATTERN_HINT = '"METHOD /path" or "/path", e.g. "GET /api/orders" (":name" matches one segment)';

export function isRoutePattern(pattern: string): boolean {
  return ROUTE_PATTERN.test(pattern);
}

/** Whether a request (method and path under the origin) is one the pattern names. */
export function matchesRoute(pattern: string, method: string, path: string): boolean {
  const m = ROUTE_PATTERN.exec(pattern);
  if (!m) return false;
  if (m[1] !== undefined && m[1] !== method.toUpperCase()) return false;
  return matchesPath(m[2]!, path);
}

/** Whether `path` fits the path pattern (":name" segments match any one segment). */
export function matchesPath(pattern: string, path: string): boolean {
  const want = segments(pattern);
  const got = segments(path);
  return want.length === got.length && want.every((w, i) => (w.startsWith(':') && got[i] !== '') || w === got[i]);
}

function segments(path: string): string[] {
  return path.replace(/\/+$/, '').split('/').slice(1);
}
