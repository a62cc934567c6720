import type { IncomingMessage } from 'node:http';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { ApiCallRecord } from '../control/journal.js';
import type { ResolvedApiConfig } from '../config/defaults.js';
import type { ApiRouteConfig } from '../config/schema.js';
import type { ApiCall, ApiCredential, ApiRefusal } from '../faults/types.js';
import { recordOf } from '../inject/request-context.js';
import { render, type ChallengeContext, type Refusal } from './answers.js';
import { ApiKeys } from './api-keys.js';
import { authorize } from './authorize.js';
import { verifyBearer, type BearerContext } from './bearer.js';
import { findCredentials, type Finding } from './credentials.js';
import { fillResponse } from './response-body.js';
import { matchesPath } from '../faults/route-pattern.js';

export interface ResourceApiOptions extends Omit<BearerContext, 'audience'> {
  config: ResolvedApiConfig;
  /** This API's resource indicator, its base URL: the audience of its JWT access tokens and the realm of its challenges. */
  resource: string;
  /** The first api-phase fault that refuses this call; the engine records it on the call's journal entry. */
  faults: (req: IncomingMessage, call: ApiCall) => ApiRefusal | undefined;
}

/**
 * The mock protected API, one call at a time:
 *
 *   step          does                                                refuses with
 *   ───────────   ─────────────────────────────────────────────────   ─────────────────────────────────────────
 *   route         method and path against the configured routes       404 not_found, 405 method_not_allowed
 *   credentials   every credential, in every place (credentials.ts)   400 invalid_request (malformed, more than
 *                                                                      one, token in query or body); 401 with no
 *                                                                      error code when there is none; 401
 *                                                                      api_key_misplaced
 *   authenticate  JWT: signature, claims, clock (bearer.ts);           401 invalid_token, api_key_unknown,
 *                 opaque: the provider; API key: the list (api-keys)   api_key_revoked, api_key_wrong_environment
 *   faults        api-phase faults (api.*, api-key.*)                  the refusal the fault names
 *   authorize     scopes, then roles and claims (authorize.ts)         403 insufficient_scope, 403 forbidden
 *   answer        the route's JSON, {sub} {client_id} {scope} filled
 *
 * Request-phase faults (rate-limit, http.error, network.*) act before all of this, in the engine.
 */
export function resourceApiRouter(options: ResourceApiOptions): Router {
  const { config } = options;
  const keys = new ApiKeys(config);
  const allScopes = [...new Set(config.routes.flatMap((r) => r.scopes))];
  const bearer: BearerContext = { ...options, audience: options.resource };
  const router = express.Router();
  router.use(express.json({ limit: '100kb' }), express.urlencoded({ extended: false, limit: '100kb' }));

  router.use(async (req: Request, res: Response) => {
    const record = (patch: ApiCallRecord) => {
      const entry = recordOf(req)?.entry;
      if (entry) entry.api = { ...entry.api, ...patch };
    };
    const routes = config.routes.filter((r) => matchesPath(r.path, req.path));
    const route = routes.find((r) => r.method === req.method);
    const ctx: ChallengeContext = { realm: options.resource, keyHeader: config.header, accepts: route?.auth ?? ['bearer', 'api-key'] };
    const refuse = (refusal: Refusal) => {
      record({ error: refusal.error });
      const answer = render(refusal, ctx);
      res.status(answer.status).set(answer.headers).json(answer.body);
    };
    if (!route) {
      const list = config.routes.map((r) => `${r.method} ${config.path}${r.path}`).join(', ');
      if (routes.length > 0) {
        refuse({ error: 'method_not_allowed', description: `${req.method} is not allowed on ${config.path}${req.path}; it allows ${routes.map((r) => r.method).join(', ')}`, allow: routes.map((r) => r.method) });
      } else {
        refuse({ error: 'not_found', description: `no route ${req.method} ${config.path}${req.path}; the API has ${list}` });
      }
      return;
    }
    const name = `${route.method} ${config.path}${route.path}`;
    record({ route: name });

    const found = findCredentials(req, { keyHeader: config.header, looksLikeKey: keys.looksLikeKey });
    const one = single(found, route, keys, config.header);
    if ('refusal' in one) {
      const first = found.find((f) => f.type === 'bearer' || f.type === 'api-key' || f.type === 'misplaced-key');
      if (first) record({ tokenKind: first.type === 'bearer' ? kindOf(first.value) : 'api-key', foundIn: first.where });
      return refuse(one.refusal);
    }

    let credential: ApiCredential;
    let subject: string;
    if (one.finding.type === 'bearer') {
      const result = await verifyBearer(one.finding.value, one.finding.where, bearer);
      if ('invalid' in result) {
        record({ tokenKind: result.kind, foundIn: one.finding.where });
        return refuse({ error: 'invalid_token', description: result.invalid });
      }
      ({ credential, subject } = result);
    } else {
      const checked = keys.check(one.finding.value, one.finding.where, allScopes);
      record({ tokenKind: 'api-key', foundIn: one.finding.where });
      if ('refusal' in checked) return refuse(checked.refusal);
      credential = checked.credential;
      subject = credential.label;
    }
    record({ tokenKind: credential.kind, foundIn: credential.foundIn, scopes: [...credential.scopes], subject });

    const call: ApiCall = {
      route: name,
      requires: { scopes: route.scopes, roles: route.roles, claims: route.claims },
      credential,
      environment: config.environment,
      keyHeader: config.header,
    };
    const refusal = options.faults(req, call) ?? authorize(route, credential);
    if (refusal) return refuse(refusal);
    res.status(route.status).set('Cache-Control', 'no-store').json(fillResponse(route.response ?? { ok: true }, credential));
  });

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = error as { type?: string; message?: string; status?: number };
    const answer = render(
      {
        error: 'invalid_request',
        description: e.type === 'entity.parse.failed' ? `the request body is not valid JSON: ${e.message}` : `the request could not be read: ${e.message ?? String(error)}`,
      },
      { realm: options.resource, keyHeader: config.header, accepts: ['bearer', 'api-key'] },
    );
    res.status(answer.status).set(answer.headers).json(answer.body);
  });
  return router;
}

type One = { finding: Extract<Finding, { type: 'bearer' | 'api-key' }> } | { refusal: Refusal };

/** Exactly one usable credential, or the refusal that says why there is not one. */
function single(found: Finding[], route: ApiRouteConfig, keys: ApiKeys, header: string): One {
  const unsupported = found.find((f) => f.type === 'unsupported-token');
  if (unsupported) {
    return {
      refusal: {
        error: 'invalid_request',
        description: `found an access token in ${unsupported.where}; this API takes access tokens only in the Authorization header (Authorization: Bearer <token>), as tokens in URLs and bodies end up in logs (RFC 6750 §2.2, §2.3, §5.3)`,
      },
    };
  }
  const malformed = found.find((f) => f.type === 'malformed-bearer');
  if (malformed) return { refusal: { error: 'invalid_request', description: `the Authorization header is malformed: ${malformed.why}` } };
  const credentials = found.filter((f) => f.type === 'bearer' || f.type === 'api-key' || f.type === 'misplaced-key');
  if (credentials.length > 1) {
    const list = credentials.map((f) => `${describe(f, keys)} in ${f.where}`).join(', ');
    return { refusal: { error: 'invalid_request', description: `the request carries ${credentials.length} credentials (${list}); send exactly one (RFC 6750 §2)` } };
  }
  const accepts = (auth: 'bearer' | 'api-key') => route.auth.includes(auth);
  const offer = [accepts('bearer') ? 'an access token as Authorization: Bearer <token>' : '', accepts('api-key') ? `an API key in the ${header} header` : ''].filter(Boolean).join(' or ');
  const credential = credentials[0];
  if (!credential) {
    const other = found.find((f) => f.type === 'other-scheme');
    const what = other ? `found Authorization: ${other.scheme} credentials, which this API does not accept` : 'the request carries no credentials';
    return { refusal: { error: 'no_credentials', description: `${what}; send ${offer}` } };
  }
  if (credential.type === 'misplaced-key') {
    const expected = accepts('api-key') ? keys.expected() : `an access token as Authorization: Bearer <token> (this route does not accept API keys)`;
    return {
      refusal: {
        error: 'api_key_misplaced',
        description: `found ${keys.label(credential.value)} in ${credential.where}; API keys go in the ${header} header${accepts('api-key') ? '' : ', and this route does not accept them'}`,
        found: `${keys.label(credential.value)} in ${credential.where}`,
        expected,
      },
    };
  }
  if (credential.type === 'api-key' && !accepts('api-key')) {
    return {
      refusal: {
        error: 'api_key_not_accepted',
        description: `this route does not accept API keys; send an access token as Authorization: Bearer <token>`,
        found: `${keys.label(credential.value)} in ${credential.where}`,
        expected: 'an access token as Authorization: Bearer <token>',
      },
    };
  }
  if (credential.type === 'bearer' && !accepts('bearer')) {
    return { refusal: { error: 'no_credentials', description: `this route does not accept Bearer access tokens (found one in ${credential.where}); send ${offer}` } };
  }
  return { finding: credential };
}

function describe(f: Extract<Finding, { type: 'bearer' | 'api-key' | 'misplaced-key' }>, keys: ApiKeys): string {
  if (f.type === 'bearer') return kindOf(f.value) === 'jwt' ? 'a JWT access token' : 'an opaque access token';
  return keys.looksLikeKey(f.value) ? keys.label(f.value) : 'a value';
}

function kindOf(token: string): 'jwt' | 'opaque' {
  return token.split('.').length === 3 ? 'jwt' : 'opaque';
}
