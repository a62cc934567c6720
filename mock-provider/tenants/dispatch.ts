import type { RequestHandler } from 'express';
import { httpStatusOf } from '../../errors/codes.js';
import { oauthAnswer } from '../last-resort.js';
import { errorAnswer, isAuthfaultError } from '../util/errors.js';
import { looksLikeFirstRequest } from './first-request.js';
import type { TenantRegistry } from './registry.js';

/**
 * Express, in front of the default issuer: a request whose first path segment names a tenant goes
 * to that tenant's router; one that could name a new tenant (a valid name that is not the default
 * issuer's, the API's or the control API's, with a path after it: `/tenant-a/.well-known/…`, not
 * a bare `/favicon.ico`) creates it first when it looks like a client's first request
 * (first-request.ts). Everything else passes on to the default issuer, exactly as before tenants
 * existed.
 */
export function tenantDispatch(registry: TenantRegistry): RequestHandler {
  return (req, res, next) => {
    const match = /^\/([^/]+)(\/.*)?$/.exec(req.path);
    if (!match) return next();
    const name = match[1]!;
    const known = registry.get(name);
    if (known) return known.router(req, res, next);
    if ((match[2] ?? '').length < 2 || !registry.createsOnRequest(name)) return next();
    if (!looksLikeFirstRequest(req, match[2]!)) {
      oauthAnswer(req, res, 404, 'not_found', `there is no issuer "${name}": a tenant is made by an OpenID Connect client's first request to it (discovery, JWKS, authorization, token — not another path, an image, a script or another site's no-cors fetch), or by POST /__authfault/tenants {"name": "${name}"}`);
      return;
    }
    registry.obtain(name).then(
      (issuer) => issuer.router(req, res, next),
      (error: unknown) => {
        // Answered here only when the provider's own state refused (503: the tenant limit, a closing provider), not the request.
        if (!isAuthfaultError(error) || httpStatusOf(error.code) !== 503) return next(error);
        const { status, body } = errorAnswer(error.code, error.message, error.details);
        res.status(status).json(body);
      },
    );
  };
}
