import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { escapeHtml, page } from './interactions/html.js';
import { debugLog } from './util/debug-log.js';

/**
 * What the provider answers when nothing else did: a request no issuer, API or control route
 * serves, or an error no router answered (a body it could not read, a path it could not decode,
 * an interaction whose cookie is gone, a bug of ours).
 *
 * - On the wire, OAuth's shape: `{ error, error_description }` (RFC 6749 §5.2); a page for a
 *   browser that asked for HTML. Never a stack trace, never a file path (Express's own final
 *   handler printed both).
 * - A client's mistake keeps its 4xx; anything else is a 500 `server_error` whose description
 *   says only what kind of failure it was. DEBUG=authfault logs the stack to stderr.
 */
export function notFound(issuer: string): RequestHandler {
  return (req, res) => {
    oauthAnswer(req, res, 404, 'not_found', `no route ${req.method} ${clip(req.path)} at this provider; the default issuer is ${issuer} (discovery at ${issuer}/.well-known/openid-configuration)`);
  };
}

export function lastResort(): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const e = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown; statusCode?: unknown; expose?: unknown; error?: unknown; error_description?: unknown; message?: unknown; name?: unknown };
    const status = Number(e.status ?? e.statusCode);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (status >= 400 && status < 500) {
      // oidc-provider's errors carry their OAuth code and description; http-errors' (body reading,
      // path decoding) a message meant for the client (expose).
      const code = typeof e.error === 'string' ? e.error : 'invalid_request';
      const description = typeof e.error_description === 'string' ? e.error_description : e.expose && typeof e.message === 'string' ? e.message : 'the request could not be read';
      oauthAnswer(req, res, status, code, description);
      return;
    }
    debugLog(`${req.method} ${req.originalUrl}`, error);
    const kind = typeof e.name === 'string' ? e.name : 'an unexpected error';
    oauthAnswer(req, res, 500, 'server_error', `the mock provider failed to answer this request (${kind}); run it with DEBUG=authfault for details, and please report it`);
  };
}

/** An answer in OAuth's shape, or as a page for a browser that asked for HTML. */
export function oauthAnswer(req: Request, res: Response, status: number, error: string, description: string): void {
  res.status(status).set('Cache-Control', 'no-store');
  if (req.accepts(['json', 'html']) === 'html') {
    res.type('html').send(page('Error', `<h1>${escapeHtml(error)}</h1><p>${escapeHtml(description)}</p><p class="hint">Start again from the app; this page is the mock provider's.</p>`));
    return;
  }
  res.json({ error, error_description: description });
}

/** A path as long as a message needs (a scanner's 14 KB path is not). */
function clip(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
