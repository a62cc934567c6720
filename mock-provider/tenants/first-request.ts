import type { Request } from 'express';
import { pointForIssuerPath } from '../provider/endpoints.js';

/** A control API path under the name: `/__authfault`, `/__authfault/faults`, … */
const CONTROL = /^\/__authfault(\/|$)/;

/**
 * Whether a request to /{name}/… for a tenant that does not exist may create it: it must look like
 * an OpenID Connect client's first request — not a scanner walking paths, nor a page of another
 * site loading `<img src=http://127.0.0.1:PORT/x/jwks>`.
 *
 * - GET or POST to a provider endpoint under the name: discovery, JWKS, authorization, token,
 *   userinfo, introspection, revocation, logout. Any other path (`/x/favicon.ico`) creates nothing.
 * - A browser says what it is fetching (`Sec-Fetch-Dest`, `Sec-Fetch-Mode`): a top-level
 *   navigation (GET, `document`: an authorization request) or a script's fetch that reads the
 *   answer (`cors`: a single-page app's discovery) may; an image, a script, a style, a frame or a
 *   `no-cors` fetch may not.
 * - Programs (the app's back channel, curl, the CLI) send no `Sec-Fetch-Site` or `-Dest`; they may also create one
 *   through its control API (`authfault fault add … --tenant x` before the app's first request).
 */
export function looksLikeFirstRequest(req: Request, pathUnderName: string): boolean {
  const dest = req.headers['sec-fetch-dest'];
  const mode = req.headers['sec-fetch-mode'];
  // Node's fetch sends Sec-Fetch-Mode: cors, and no Sec-Fetch-Site or -Dest, which browsers always send.
  const program = req.headers['sec-fetch-site'] === undefined && dest === undefined;
  if (program && CONTROL.test(pathUnderName)) return true;
  if (req.method !== 'GET' && req.method !== 'POST') return false;
  if (pointForIssuerPath(pathUnderName) === undefined) return false;
  if (program) return true;
  if (dest === 'document' && mode === 'navigate') return req.method === 'GET';
  return mode === 'cors' && (dest === undefined || dest === 'empty');
}
