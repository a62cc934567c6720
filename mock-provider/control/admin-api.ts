import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { sameOriginWrites } from '../guard/same-origin.js';
import { debugLog } from '../util/debug-log.js';
import { AuthfaultError, errorAnswer, isAuthfaultError } from '../util/errors.js';
import { withinJsonLimits } from '../util/json-limits.js';
import type { MockProviderHandle } from '../types.js';
import { adminPage } from './admin-page/page.js';
import { debuggerPage } from './debugger/page.js';
import { eventStream, type ControlEvents } from './events.js';
import { listed, type ControlRoute } from './route.js';
import { tenantRoutes, type Tenants } from './tenant-routes.js';

/** The largest body the control API reads. */
const BODY_LIMIT = '1mb';

/** Loopback callers (127.0.0.0/8, ::1, and their IPv4-mapped forms). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || a.startsWith('127.');
}

/**
 * The control API under /__authfault (a tenant's under /{name}/__authfault): JSON in and out, one
 * error shape `{ error: CODE, message, details }`. Refuses non-loopback callers unless they carry
 * the configured bearer token, on every issuer alike.
 */
export function adminRouter(handle: () => MockProviderHandle, token: string | undefined, events: ControlEvents, tenants: Tenants) {
  const router = express.Router();
  router.use((req, _res, next) => {
    if (isLoopback(req.socket.remoteAddress)) return next();
    if (token && req.headers.authorization === `Bearer ${token}`) return next();
    next(
      new AuthfaultError(
        'AUTHFAULT_ADMIN_FORBIDDEN',
        token
          ? 'the control API needs "Authorization: Bearer <admin token>" from non-loopback callers'
          : 'the control API only answers loopback callers; set provider.admin.token to allow others',
      ),
    );
  });
  router.use(sameOriginWrites(() => [new URL(handle().issuer).origin, new URL(handle().admin).origin].map((o) => o.toLowerCase())));
  // Not strict: a top-level null or number is valid JSON and gets the fault decoder's own message.
  // application/merge-patch+json (RFC 7396) too, for PATCH /users/:id.
  router.use(express.json({ limit: BODY_LIMIT, strict: false, type: ['application/json', 'application/*+json'] }));
  // Before any route sees the body: nothing past a limit is stored (util/json-limits.ts).
  router.use((req, _res, next) => {
    if (req.body !== undefined) withinJsonLimits(req.body, 'AUTHFAULT_JSON_LIMIT', 'the body');
    next();
  });

  const routes = controlRoutes(handle, events, tenants);
  for (const route of routes) router[route.method](route.path, route.handler);
  router.use((req, _res, next) => {
    next(new AuthfaultError('AUTHFAULT_NOT_FOUND', `no control route ${req.method} ${req.baseUrl}${req.path}`, routes.map(listed)));
  });
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { status, body } = isAuthfaultError(error) ? errorAnswer(error.code, error.message, error.details) : answerOf(error);
    if (status >= 500) debugLog(`${req.method} ${req.originalUrl}`, error);
    res.status(status).json(body);
  });
  return router;
}

/**
 * An error no route threw on purpose, in the control API's shape. A request the body reader or
 * the path decoder refused is the caller's (4xx, saying what to send); anything else is authfault's
 * own failure, named by its kind only — its message may hold a file path.
 */
function answerOf(error: unknown): ReturnType<typeof errorAnswer> {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { type?: string; status?: number; message?: string; limit?: number; name?: string };
  const message = e.message ?? '';
  switch (e.type) {
    case 'entity.parse.failed':
      return errorAnswer('AUTHFAULT_BAD_JSON', `the body is not valid JSON: ${message}`);
    case 'entity.too.large':
      return errorAnswer('AUTHFAULT_BODY_TOO_LARGE', `the body is over the control API's limit of ${BODY_LIMIT}; send less (a fault, a user or a token request is a few hundred bytes)`);
    case 'encoding.unsupported':
      return errorAnswer('AUTHFAULT_BODY_UNSUPPORTED', `${message}: send the body uncompressed, or with Content-Encoding gzip, deflate or br`);
    case 'charset.unsupported':
      return errorAnswer('AUTHFAULT_BODY_UNSUPPORTED', `${message}: send JSON in UTF-8 (Content-Type: application/json, or with charset=utf-8)`);
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return errorAnswer('AUTHFAULT_BAD_REQUEST', `the request could not be read: ${message}`);
  return errorAnswer('AUTHFAULT_INTERNAL', `the control API failed while answering (${e.name ?? 'an unexpected error'}); run the provider with DEBUG=authfault for details, and please report it`);
}

function requireJson(req: Request, what: string): void {
  if (!req.is(['application/json', 'application/*+json'])) {
    throw new AuthfaultError('AUTHFAULT_BAD_REQUEST', `send ${what} as JSON, with Content-Type: application/json`);
  }
}

function userOr404(handle: MockProviderHandle, id: string) {
  const user = handle.users.get(id);
  if (!user) throw new AuthfaultError('AUTHFAULT_USER_NOT_FOUND', `no user with id "${id}"; GET /__authfault/users lists them`);
  return user;
}

/**
 * The control API's routes as a table: the router is built from it and the 404 of an unknown
 * route lists it, so the list cannot drift from what is served. Pages for a browser pass JSON
 * callers on, to that 404.
 */
function controlRoutes(handle: () => MockProviderHandle, events: ControlEvents, tenants: Tenants): ControlRoute[] {
  return [
    { method: 'get', path: '/', shown: ' (the admin page, for a browser)', handler: page((req) => adminPage({ base: req.baseUrl, issuer: handle().issuer, seed: handle().seed })) },
    { method: 'get', path: '/debugger', shown: ' (try a sign-in, for a browser)', handler: page((req) => debuggerPage({ base: req.baseUrl, issuer: handle().issuer })) },
    { method: 'get', path: '/events', shown: ' (server-sent events; ?since=N)', handler: eventStream(handle, events) },
    {
      method: 'get',
      path: '/health',
      handler: (_req, res) => {
        const h = handle();
        res.json({ status: 'ok', mock: true, issuer: h.issuer, admin: h.admin, seed: h.seed, faults: h.faults.list().length });
      },
    },
    {
      method: 'get',
      path: '/ca.pem',
      handler: (_req, res) => {
        const { ca } = handle();
        if (!ca) throw new AuthfaultError('AUTHFAULT_NOT_FOUND', 'this provider serves plain HTTP; start it with https (provider.https: true, or --https) to get a run CA');
        res.type('application/x-pem-file').send(ca.pem);
      },
    },
    // The registry loads on first use: a provider that is never asked for kinds or given a fault starts without it.
    { method: 'get', path: '/kinds', handler: async (_req, res) => void res.json({ kinds: (await import('../faults/registry.js')).describeKinds() }) },
    { method: 'get', path: '/faults', handler: (_req, res) => void res.json({ faults: handle().faults.list() }) },
    {
      method: 'post',
      path: '/faults',
      handler: async (req, res) => {
        if (!req.is('application/json')) {
          throw new AuthfaultError('AUTHFAULT_BAD_REQUEST', 'send the fault as JSON, with Content-Type: application/json');
        }
        res.status(201).json({ faults: await handle().faults.add(req.body) });
      },
    },
    {
      method: 'delete',
      path: '/faults/:id',
      handler: (req, res) => {
        if (!handle().faults.remove(String(req.params.id))) {
          throw new AuthfaultError('AUTHFAULT_FAULT_NOT_FOUND', `no fault with id "${req.params.id}"; GET /__authfault/faults lists them`);
        }
        res.status(204).end();
      },
    },
    { method: 'delete', path: '/faults', handler: noContent(() => handle().faults.clear()) },
    {
      method: 'get',
      path: '/journal',
      shown: '?since=N',
      handler: (req, res) => {
        const since = Number(req.query.since ?? 0);
        if (!Number.isInteger(since) || since < 0) throw new AuthfaultError('AUTHFAULT_BAD_REQUEST', '`since` must be a journal entry id (a whole number ≥ 0)');
        res.json({ entries: handle().journal.entries(since), lastId: handle().journal.lastId });
      },
    },
    { method: 'delete', path: '/journal', handler: noContent(() => handle().journal.clear()) },
    { method: 'post', path: '/reset', handler: noContent(() => handle().reset()) },
    {
      method: 'post',
      path: '/tokens',
      shown: ' {sub, client, scope, claims, ttl, kind, format}',
      handler: async (req, res) => {
        requireJson(req, 'the token request');
        res.status(201).json(await handle().issueToken(req.body));
      },
    },
    { method: 'get', path: '/clients', handler: (_req, res) => void res.json({ clients: handle().clients }) },
    { method: 'get', path: '/users', handler: (_req, res) => void res.json({ users: handle().users }) },
    { method: 'get', path: '/users/:id', handler: (req, res) => void res.json({ user: userOr404(handle(), String(req.params.id)) }) },
    { method: 'put', path: '/users/:id', handler: (req, res) => putUser(handle(), req, res) },
    {
      method: 'patch',
      path: '/users/:id',
      handler: (req, res) => {
        requireJson(req, 'the changes');
        res.json({ user: handle().users.patch(String(req.params.id), req.body) });
      },
    },
    {
      method: 'delete',
      path: '/users/:id',
      handler: (req, res) => {
        userOr404(handle(), String(req.params.id));
        handle().users.remove(String(req.params.id));
        res.status(204).end();
      },
    },
    ...tenantRoutes(tenants),
  ];
}

/** A page for a browser, with its own CSP; any other caller passes on. */
function page(render: (req: Request) => { html: string; csp: string }): RequestHandler {
  return (req, res, next) => {
    if (req.accepts(['json', 'html']) !== 'html') return next();
    const { html, csp } = render(req);
    res.set({ 'Content-Security-Policy': csp, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    res.type('html').send(html);
  };
}

function noContent(act: () => void): RequestHandler {
  return (_req, res) => {
    act();
    res.status(204).end();
  };
}

function putUser(handle: MockProviderHandle, req: Request, res: Response): void {
  requireJson(req, 'the user');
  const id = String(req.params.id);
  const body = req.body as unknown;
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'id' in body && body.id !== id) {
    throw new AuthfaultError('AUTHFAULT_USER_INVALID', `the body's id "${String(body.id)}" differs from the path's "${id}"; leave id out or make them equal`, [
      { code: 'ID_MISMATCH', path: ['id'], message: `must be "${id}", the id in the path` },
    ]);
  }
  const created = !handle.users.get(id);
  const user = handle.users.set(typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, id } : body);
  res.status(created ? 201 : 200).json({ user });
}
