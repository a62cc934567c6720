import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Journal } from '../control/journal.js';
import type { ActiveFault, FaultStore } from '../faults/store.js';
import type { FaultRequest, InjectionPoint, RequestAction, TokenTools } from '../faults/types.js';
import { pointForIssuerPath } from '../provider/endpoints.js';
import { attachRecord, clientIdOf, faultRequest, notableParams, recordOf, type RequestRecord } from './request-context.js';

/**
 * Where faults hook in, one row per phase:
 *
 *   phase                   layer    runs                                   hook
 *   ─────────────────────   ──────   ────────────────────────────────────   ─────────────────────
 *   journal                 express  every request, before anything else   (records the entry)
 *   request                 express  before the provider or API handles it  request
 *   authorization response  koa      authorization.success, before encoding authorizationResponse
 *   token response          koa      after the token endpoint answered 200   tokenResponse
 *   journal enrich          koa      after routing (client, grant, params)  (fills the entry)
 */
export class FaultEngine {
  readonly #hung = new Set<Socket>();

  constructor(
    private readonly faults: FaultStore,
    private readonly journal: Journal,
    private readonly tools: TokenTools,
    private readonly issuerPath: string,
  ) {}

  /** Which injection point a request under the origin is, if any. */
  pointFor(path: string): InjectionPoint | 'other' {
    if (path === this.issuerPath || path.startsWith(`${this.issuerPath}/`)) {
      const sub = path.slice(this.issuerPath.length) || '/';
      if (sub.startsWith('/interaction/')) return 'interaction';
      return pointForIssuerPath(sub) ?? 'other';
    }
    if (path === '/api' || path.startsWith('/api/')) return 'api';
    return 'other';
  }

  /** Express: record the request and apply request-phase faults. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const path = req.path;
      if (path.startsWith('/__authfault')) return next();
      const point = this.pointFor(path);
      const startedAt = performance.now();
      const entry = this.journal.start({ endpoint: point, method: req.method, path });
      const query = req.query as Record<string, unknown>;
      const clientId = clientIdOf(req, query);
      if (clientId) entry.clientId = clientId;
      const params = notableParams(query);
      if (Object.keys(params).length > 0) entry.params = params;
      const record: RequestRecord = {
        entry,
        startedAt,
        fault: faultRequest(req, point === 'other' ? 'transport' : point, path, clientId),
      };
      attachRecord(req, record);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        const retryAfter = res.getHeader('retry-after');
        if (retryAfter !== undefined) entry.retryAfter = Number(retryAfter);
        this.journal.end(entry, res.headersSent ? res.statusCode : 0, startedAt);
      };
      res.on('finish', end);
      res.on('close', () => {
        if (!res.writableFinished && !entry.outcome) entry.outcome = 'aborted';
        end();
      });
      if (point === 'other') return next();
      this.#applyRequestFaults(record, req, res, next).catch(next);
    };
  }

  async #applyRequestFaults(record: RequestRecord, req: Request, res: Response, next: NextFunction) {
    for (const fault of this.faults.select(record.fault, 'request')) {
      const action = fault.def.hooks.request!(record.fault, fault.params, fault.state);
      if (!action) continue;
      this.#applied(record, fault, describe(action));
      switch (action.type) {
        case 'respond':
          res.status(action.status).set(action.headers ?? {});
          if (action.body === undefined) res.end();
          else if (typeof action.body === 'string') res.send(action.body);
          else res.json(action.body);
          return;
        case 'delay':
          await new Promise((resolve) => setTimeout(resolve, action.ms));
          continue;
        case 'hang':
          record.entry.outcome = 'hang';
          this.#hung.add(req.socket);
          req.socket.once('close', () => this.#hung.delete(req.socket));
          return;
        case 'reset':
          record.entry.outcome = 'reset';
          req.socket.resetAndDestroy();
          return;
      }
    }
    next();
  }

  /** Koa (inside oidc-provider): enrich the journal and apply response-phase faults. */
  koaMiddleware() {
    return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
      await next();
      const record = recordOf(ctx.req);
      if (!record || !ctx.oidc) return;
      const { entry } = record;
      const clientId = ctx.oidc.client?.clientId;
      if (clientId) {
        entry.clientId = clientId;
        record.fault.clientId = clientId;
      }
      const params = notableParams((ctx.oidc.params ?? {}) as Record<string, unknown>);
      if (Object.keys(params).length > 0) entry.params = { ...entry.params, ...params };
      if (typeof params.grant_type === 'string') entry.grantType = params.grant_type;
      if (record.fault.point === 'token' && ctx.status === 200 && isObject(ctx.body)) {
        for (const fault of this.faults.select(record.fault, 'tokenResponse')) {
          const effect = await fault.def.hooks.tokenResponse!(ctx.body, fault.params, this.tools, record.fault);
          if (effect) this.#applied(record, fault, effect);
        }
      }
    };
  }

  /** Register the provider event hooks: authorization responses are changed before encoding. */
  attach(provider: Provider): void {
    provider.use(this.koaMiddleware() as Parameters<Provider['use']>[0]);
    provider.on('authorization.success', (ctx: KoaContextWithOIDC, out?: Record<string, unknown>) => {
      const record = recordOf(ctx.req);
      if (!record || !out) return;
      const req: FaultRequest = { ...record.fault, ...(ctx.oidc.client ? { clientId: ctx.oidc.client.clientId } : {}) };
      for (const fault of this.faults.select(req, 'authorizationResponse')) {
        const effect = fault.def.hooks.authorizationResponse!(out, fault.params, req);
        if (effect) this.#applied(record, fault, effect);
      }
    });
  }

  /** Close connections held open by hang faults (on clear, reset and close). */
  releaseHung(): void {
    for (const socket of this.#hung) socket.destroy();
    this.#hung.clear();
  }

  #applied(record: RequestRecord, fault: ActiveFault, effect: string) {
    fault.applied++;
    record.entry.faults.push({ id: fault.id, kind: fault.kind, effect });
  }
}

function describe(action: RequestAction): string {
  switch (action.type) {
    case 'respond':
      return `answered ${action.status}${action.headers?.['Retry-After'] ? ` with Retry-After: ${action.headers['Retry-After']}` : ''}`;
    case 'delay':
      return `delayed ${action.ms} ms`;
    case 'hang':
      return 'left the request hanging';
    case 'reset':
      return 'reset the connection';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
