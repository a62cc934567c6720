import type { RequestHandler } from 'express';
import { refuse } from './refuse.js';

/** Methods that change nothing: a page of another site cannot read their answers (no CORS). */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing control requests (POST, PUT, PATCH, DELETE) come from the provider's own pages or
 * from programs, never from a page of another site (cross-site request forgery: a page's
 * `fetch(…/__authfault/reset, { method: 'POST', mode: 'no-cors' })` wiped faults and journal).
 *
 * - Browsers say where a request comes from. `Sec-Fetch-Site` (which no page can set) must be
 *   `same-origin` — not `same-site`: an app on another port of 127.0.0.1 is same-site — and is
 *   believed as it is, also behind a proxy that rewrites Host.
 * - Browsers that send no `Sec-Fetch-Site` (older ones; any to an origin that is not potentially
 *   trustworthy, such as http://192.168.1.5) still send `Origin` on these methods: it must name
 *   the host and port the request was sent to (its Host), or one of the provider's own origins
 *   (the issuer's, the front channel's); `null` is refused. The scheme is not compared: behind a
 *   proxy that ends TLS, the page is https and the request reaches us as http.
 * - Programs (curl, the CLI, Node's fetch, Playwright's request API, Python) send neither, so
 *   they keep working without a token; the Host check has already refused a rebinding page's name.
 * - Chosen over a JSON-only rule, which leaves DELETE and bodiless POSTs (/reset) to the
 *   browser's preflight alone, and over a per-run token, which every caller (the admin page, the
 *   CLI, tests, scripts) would have to be handed.
 */
export function sameOriginWrites(ownOrigins: () => readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (SAFE.has(req.method)) return next();
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const host = req.headers.host ?? '';
    if (site !== undefined) return site === 'same-origin' ? next() : crossSite(`Sec-Fetch-Site: ${site}`);
    if (origin !== undefined && !sameHost(origin, host) && !ownOrigins().includes(origin.toLowerCase())) return crossSite(`Origin: ${origin.slice(0, 100)}`);
    next();

    function crossSite(evidence: string) {
      refuse(
        req,
        res,
        'AUTHFAULT_CROSS_SITE',
        `${req.method} ${req.baseUrl}${req.path} came from a page of another origin (${evidence}), and may change the mock provider only from its own pages (${req.protocol}://${host.slice(0, 100)}) or from programs (curl, the authfault CLI, tests), which send no Origin`,
      );
    }
  };
}

/** Whether an Origin header names `host` (a Host header), default ports folded as URLs fold them. */
function sameHost(origin: string, host: string): boolean {
  try {
    const url = new URL(origin);
    return url.host === new URL(`${url.protocol}//${host}`).host;
  } catch {
    return false;
  }
}
