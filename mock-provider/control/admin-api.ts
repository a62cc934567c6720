import express, { type NextFunction, type Request, type Response } from 'express';
import { describeKinds } from '../faults/registry.js';
import { AuthfaultError, isAuthfaultError } from '../util/errors.js';
import type { MockProviderHandle } from '../types.js';

/** Loopback callers (127.0.0.0/8, ::1, and their IPv4-mapped forms). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || a.startsWith('127.');
}

/**
 * The control API under /__authfault: JSON in and out, one error shape
 * `{ error: CODE, message, details }`. Refuses non-loopback callers unless they carry the
 * configured bearer token.
 */
export function adminRouter(handle: () => MockProviderHandle, token: string | undefined) {
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
  // Not strict: a top-level null or number is valid JSON and gets the fault decoder's own message.
  router.use(express.json({ limit: '1mb', strict: false }));

  router.get('/health', (_req, res) => {
    const h = handle();
    res.json({ status: 'ok', mock: true, issuer: h.issuer, seed: h.seed, faults: h.faults.list().length });
  });
  router.get('/ca.pem', (_req, res) => {
    const { ca } = handle();
    if (!ca) throw new AuthfaultError('AUTHFAULT_NOT_FOUND', 'this provider serves plain HTTP; start it with https (provider.https: true, or --https) to get a run CA');
    res.type('application/x-pem-file').send(ca.pem);
  });
  router.get('/kinds', (_req, res) => {
    res.json({ kinds: describeKinds() });
  });
  router.get('/faults', (_req, res) => {
    res.json({ faults: handle().faults.list() });
  });
  router.post('/faults', async (req, res) => {
    if (!req.is('application/json')) {
      throw new AuthfaultError('AUTHFAULT_BAD_REQUEST', 'send the fault as JSON, with Content-Type: application/json');
    }
    res.status(201).json({ faults: await handle().faults.add(req.body) });
  });
  router.delete('/faults/:id', (req, res) => {
    if (!handle().faults.remove(String(req.params.id))) {
      throw new AuthfaultError('AUTHFAULT_FAULT_NOT_FOUND', `no fault with id "${req.params.id}"; GET /__authfault/faults lists them`);
    }
    res.status(204).end();
  });
  router.delete('/faults', (_req, res) => {
    handle().faults.clear();
    res.status(204).end();
  });
  router.get('/journal', (req, res) => {
    const since = Number(req.query.since ?? 0);
    if (!Number.isInteger(since) || since < 0) throw new AuthfaultError('AUTHFAULT_BAD_REQUEST', '`since` must be a journal entry id (a whole number ≥ 0)');
    res.json({ entries: handle().journal.entries(since), lastId: handle().journal.lastId });
  });
  router.delete('/journal', (_req, res) => {
    handle().journal.clear();
    res.status(204).end();
  });
  router.post('/reset', (_req, res) => {
    handle().reset();
    res.status(204).end();
  });
  router.use((req, _res, next) => {
    next(new AuthfaultError('AUTHFAULT_NOT_FOUND', `no control route ${req.method} ${req.baseUrl}${req.path}`, ROUTES));
  });
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (isAuthfaultError(error)) {
      const status = STATUS[error.code] ?? 400;
      res.status(status).json({ error: error.code, message: error.message, details: error.details });
      return;
    }
    const e = error as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'AUTHFAULT_BAD_JSON', message: `the body is not valid JSON: ${e.message}`, details: [] });
      return;
    }
    res.status(500).json({ error: 'AUTHFAULT_INTERNAL', message: e.message ?? String(error), details: [] });
  });
  return router;
}

const STATUS: Record<string, number> = {
  AUTHFAULT_ADMIN_FORBIDDEN: 403,
  AUTHFAULT_FAULT_NOT_FOUND: 404,
  AUTHFAULT_NOT_FOUND: 404,
};

const ROUTES = [
  'GET /health',
  'GET /ca.pem',
  'GET /kinds',
  'GET /faults',
  'POST /faults',
  'DELETE /faults/:id',
  'DELETE /faults',
  'GET /journal?since=N',
  'DELETE /journal',
  'POST /reset',
];
