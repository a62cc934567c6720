import { z } from 'zod';
import { defineKind, INJECTION_POINTS } from '../../types.js';
import { errorRedirect } from '../shared/error-redirect.js';
import { oauthError } from '../shared/oauth-error.js';

/**
 * rate-limit — 429 Too Many Requests with Retry-After once more than `limit` requests arrive in a
 * fixed window.
 *
 * - The window opens at the first matching request and lasts `window_s`; requests beyond `limit`
 *   in it are refused, and refused requests count too (as most gateways count them).
 * - Retry-After is `retry_after_s` when given, else the seconds left in the window, at least 1.
 * - The body speaks OAuth's error shape, with Cache-Control: no-store as RFC 6749 §5.2 asks.
 * - `mode: redirect` (authorize only, checked when the fault is parsed) answers as an overloaded
 *   authorization server must, since a 429 page strands the user at the provider: a redirect to
 *   the request's registered redirect_uri with error=temporarily_unavailable, state and iss. A
 *   request with nothing safe to redirect to (an unregistered redirect_uri, none at all as in the
 *   resume of a login at /auth/<uid>, or a POST) gets the 429 instead — never an open redirect.
 */
const params = z.strictObject({
  limit: z.int().min(0).default(0).describe('Requests allowed per window before 429s start.'),
  window_s: z.int().min(1).default(60).describe('Length of the fixed window in seconds.'),
  retry_after_s: z.int().min(0).optional().describe('Retry-After to send; default: seconds left in the window.'),
  per: z.enum(['all', 'client', 'ip']).default('all').describe('Count per client_id, per caller IP, or all together.'),
  mode: z
    .enum(['http-429', 'redirect'])
    .default('http-429')
    .describe('How a refused request is answered: 429 with Retry-After, or (authorize only) a redirect back with error=temporarily_unavailable.'),
});

interface Window {
  start: number;
  count: number;
}

export const rateLimit = defineKind({
  kind: 'rate-limit',
  category: 'rate-limits',
  summary:
    'Answers 429 Too Many Requests with Retry-After once the request budget of a fixed window is spent (at authorize, optionally a redirect back with error=temporarily_unavailable).',
  correctClient:
    'Wait at least Retry-After before trying again, retry a bounded number of times, and show a clear "try again later" instead of hammering the provider.',
  references: ['RFC 6585 §4', 'RFC 9110 §10.2.3', 'RFC 6749 §5.2', 'RFC 6749 §4.1.2.1 (temporarily_unavailable)', 'catalog FC-429-TOKEN, FC-TEMPORARILY-UNAVAILABLE'],
  why: 'Retrying a 429 at once turns a short throttle into an outage: the provider keeps refusing, the retries keep the window full, and every user of the app is locked out.',
  fix: 'On 429 read Retry-After, wait at least that long, retry a bounded number of times with backoff, then show "try again later": wrap openid-client\'s customFetch, or use a retry helper that honours Retry-After.',
  points: INJECTION_POINTS.filter((p) => p !== 'transport'),
  defaultPoints: ['token'],
  params,
  check(p, _when, points) {
    const elsewhere = points.filter((point) => point !== 'authorize');
    if (p.mode !== 'redirect' || elsewhere.length === 0) return [];
    return [
      {
        path: ['mode'],
        message: `mode "redirect" answers an authorization request by redirecting back to the client, so it applies only at authorize, not at ${elsewhere.join(', ')}; set \`when: { endpoint: authorize }\` or use mode "http-429"`,
      },
    ];
  },
  hooks: {
    request(req, p, state, env) {
      const windows = (state.windows ??= new Map<string, Window>()) as Map<string, Window>;
      const key = p.per === 'client' ? (req.clientId ?? '-') : p.per === 'ip' ? req.ip : '*';
      let w = windows.get(key);
      if (!w || req.now - w.start >= p.window_s * 1000) {
        w = { start: req.now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      if (w.count <= p.limit) return undefined;
      const left = Math.ceil((w.start + p.window_s * 1000 - req.now) / 1000);
      const retryAfter = p.retry_after_s ?? Math.max(1, left);
      const description = `rate limit exceeded: ${p.limit} requests per ${p.window_s}s (authfault rate-limit fault); retry after ${retryAfter}s`;
      if (p.mode === 'redirect' && req.point === 'authorize') {
        const redirect = errorRedirect(req, env, 'temporarily_unavailable', description);
        if (redirect) return redirect;
      }
      return oauthError(429, 'temporarily_unavailable', description, { 'Retry-After': String(retryAfter) });
    },
  },
});
