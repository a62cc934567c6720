import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { clipped, type Journal, type JournalEntry } from '../control/journal.js';
import type { ActiveFault, FaultStore } from '../faults/store.js';
import type { ApiCall, ApiRefusal, FaultRequest, InjectionPoint, MutableResponse, RequestAction, RequestEnv, TokenTools } from '../faults/types.js';
import { pointForIssuerPath } from '../provider/endpoints.js';
import { attachRecord, clientIdOf, faultRequest, issuedTokens, notableParams, presentedValues, recordOf, type RequestRecord } from './request-context.js';
import { peekForm } from './peek-body.js';
import { trickleResponse } from './slow-body.js';

const BODY_POINTS = new Set<InjectionPoint>(['token', 'introspection', 'revocation']);

/**
 * Where faults hook in, one row per phase:
 *
 *   phase                   layer    runs                                     hook
 *   ─────────────────────   ──────   ──────────────────────────────────────   ─────────────────────
 *   journal                 express  every request, before anything else     (records the entry)
 *   request                 express  before the provider or API handles it    request
 *   api                     express  in the mock API, credential accepted     api
 *   grant                   oidc     loadExistingGrant, before scopes granted  grantScopes
 *   authorization response  koa      authorization.success, before encoding   authorizationResponse
 *   response                koa      after any JSON response of the provider   response
 *   journal enrich          koa      after routing (client, grant, params)    (fills the entry)
 *   set / clear             store    when a fault is added or removed          activate (→ undo)
 */
/** Where one issuer's parts are under the origin. */
export interface IssuerPaths {
  /** The issuer's path, "/default" or "/tenant-a". */
  issuer: string;
  /** Base path of the mock protected API (the `api` injection point): "/api", "/tenant-a/api". */
  api: string;
  /** The control API, never journaled nor faulted: "/__authfault", "/tenant-a/__authfault". */
  admin: string;
}

export class FaultEngine {
  readonly #hung = new Set<Socket>();
  private readonly issuerPath: string;

  constructor(
    private readonly faults: FaultStore,
    private readonly journal: Journal,
    private readonly tools: TokenTools,
    private readonly paths: IssuerPaths,
    private readonly env: Omit<RequestEnv, 'random'>,
    /** Reset a connection (network.reset): under TLS, the TCP socket beneath (the listener knows it). */
    private readonly resetConnection: (socket: Socket) => void = (socket) => socket.resetAndDestroy(),
  ) {
    this.issuerPath = paths.issuer;
  }

  /** Which injection point a request under the origin is, if any. */
  pointFor(path: string): InjectionPoint | 'other' {
    // The API first: a tenant's (/tenant-a/api) lies under its issuer path; the default's never does.
    const { api } = this.paths;
    if (path === api || path.startsWith(`${api}/`)) return 'api';
    if (path === this.issuerPath || path.startsWith(`${this.issuerPath}/`)) {
      const sub = path.slice(this.issuerPath.length) || '/';
      if (sub.startsWith('/interaction/')) return 'interaction';
      return pointForIssuerPath(sub) ?? 'other';
    }
    return 'other';
  }

  /** Express: record the request and apply request-phase faults. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const path = req.path;
      if (path.startsWith(this.paths.admin)) return next();
      const point = this.pointFor(path);
      const startedAt = performance.now();
      const entry = this.journal.start({ endpoint: point, method: req.method, path });
      // Ended however the exchange ends, so no entry stays open because reading the request failed.
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
      const query = stringParams(req.query as Record<string, unknown>);
      const clientId = clientIdOf(req, query);
      if (clientId) entry.clientId = clipped(clientId);
      const params = notableParams(query);
      if (Object.keys(params).length > 0) entry.params = params;
      const record: RequestRecord = { entry, startedAt, fault: faultRequest(req, point === 'other' ? 'transport' : point, path, query, clientId) };
      attachRecord(req, record);
      // The resume of a login (/auth/<uid>) is the provider talking to itself mid-flow, not a new
      // authorization request: request-phase faults (rate limits, nth) count only the app's requests.
      if (point === 'other' || (point === 'authorize' && this.#isResume(path))) return next();
      this.#beforeProvider(record, req, res, next).catch(next);
    };
  }

  #isResume(path: string): boolean {
    return /\/auth\/[^/]+$/.test(path.slice(this.issuerPath.length));
  }

  /**
   * Back-channel form posts name their client and grant in the body; faults may need both. A
   * token request's body is always read: the code or refresh token it presents is journaled by
   * fingerprint even when the provider refuses the request before it parses it (a client that
   * failed to authenticate and sends the same code again has still used it twice).
   */
  async #beforeProvider(record: RequestRecord, req: Request, res: Response, next: NextFunction) {
    const { point } = record.fault;
    if (BODY_POINTS.has(point) && (point === 'token' || (this.faults.size > 0 && !record.fault.clientId))) {
      const form = await peekForm(req);
      const clientId = form?.get('client_id');
      const grantType = form?.get('grant_type');
      // Basic authentication named the client already; the form's client_id does not override it.
      if (clientId && !record.fault.clientId) record.entry.clientId = clipped((record.fault.clientId = clientId));
      if (grantType) record.entry.grantType = clipped((record.fault.grantType = grantType));
      const presented = point === 'token' && form ? presentedValues(Object.fromEntries(form)) : undefined;
      if (presented) record.entry.presented = presented;
    }
    await this.#applyRequestFaults(record, req, res, next);
  }

  async #applyRequestFaults(record: RequestRecord, req: Request, res: Response, next: NextFunction) {
    for (const fault of this.faults.select(record.fault, 'request')) {
      const action = fault.def.hooks.request!(record.fault, fault.params, fault.state, { ...this.env, random: fault.random });
      if (!action) continue;
      this.#applied(record.entry, fault, describe(action));
      switch (action.type) {
        case 'respond':
          res.status(action.status).set(action.headers ?? {});
          if (action.body === undefined) res.end();
          else if (typeof action.body === 'string') res.send(action.body);
          else res.json(action.body);
          return;
        case 'redirect':
          res.redirect(303, action.location);
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
          this.resetConnection(req.socket);
          return;
        case 'empty':
          record.entry.outcome = 'aborted';
          req.socket.end();
          return;
        case 'slow-body':
          trickleResponse(res, action.chunks, action.totalMs);
          continue;
        case 'note':
          continue;
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
      const all = (ctx.oidc.params ?? {}) as Record<string, unknown>;
      const params = notableParams(all);
      if (Object.keys(params).length > 0) entry.params = { ...entry.params, ...params };
      const presented = record.fault.point === 'token' ? presentedValues(all) : undefined;
      if (presented) entry.presented = presented;
      if (typeof params.grant_type === 'string') {
        entry.grantType = params.grant_type;
        record.fault.grantType = params.grant_type;
      }
      const mismatch = (ctx.req as { authfaultRedirectMismatch?: JournalEntry['redirectMismatch'] }).authfaultRedirectMismatch;
      if (mismatch) entry.redirectMismatch = mismatch;
      if (isObject(ctx.body)) await this.#applyResponseFaults(ctx, record);
      // What the client received, so after the faults: whether a refresh token was issued at all.
      const issued = record.fault.point === 'token' && ctx.status === 200 && isObject(ctx.body) ? issuedTokens(ctx.body) : undefined;
      if (issued) entry.issued = issued;
    };
  }

  async #applyResponseFaults(ctx: KoaContextWithOIDC, record: RequestRecord) {
    const faults = this.faults.select(record.fault, 'response');
    if (faults.length === 0) return;
    const res: MutableResponse = { status: ctx.status, body: ctx.body as Record<string, unknown>, headers: {} };
    for (const fault of faults) {
      const effect = await fault.def.hooks.response!(res, fault.params, this.tools, record.fault, fault.state);
      if (effect) this.#applied(record.entry, fault, effect);
    }
    ctx.status = res.status;
    ctx.body = res.body;
    for (const [name, value] of Object.entries(res.headers)) ctx.set(name, value);
  }

  /** The mock API: the first api-phase fault that refuses this call, recorded on the call's journal entry. */
  apiRefusal(req: IncomingMessage, call: ApiCall): ApiRefusal | undefined {
    const record = recordOf(req);
    if (!record) return undefined;
    for (const fault of this.faults.select(record.fault, 'api')) {
      const refusal = fault.def.hooks.api!(call, fault.params, fault.state);
      if (!refusal) continue;
      this.#applied(record.entry, fault, `refused ${call.route}: ${refusal.error}: ${refusal.description}`);
      return refusal;
    }
    return undefined;
  }

  /** Scopes to grant at authorization, after grant-phase faults (scope.downgraded), recorded on `entry`. */
  grantScopes(req: FaultRequest, scopes: readonly string[], entry?: JournalEntry): readonly string[] {
    let granted = scopes;
    for (const fault of this.faults.select(req, 'grantScopes')) {
      const changed = fault.def.hooks.grantScopes!(granted, fault.params, req);
      if (!changed) continue;
      const effect = `granted scope "${changed.join(' ')}" of the requested "${granted.join(' ')}"`;
      if (entry) this.#applied(entry, fault, effect);
      else fault.applied++;
      granted = changed;
    }
    return granted;
  }

  /** Register the provider hooks: the middleware and the authorization-response listener. */
  attach(provider: Provider): void {
    provider.use(this.koaMiddleware() as Parameters<Provider['use']>[0]);
    provider.on('authorization.success', (ctx: KoaContextWithOIDC, out?: Record<string, unknown>) => {
      const record = recordOf(ctx.req);
      if (!record || !out) return;
      const req: FaultRequest = { ...record.fault, ...(ctx.oidc.client ? { clientId: ctx.oidc.client.clientId } : {}) };
      for (const fault of this.faults.select(req, 'authorizationResponse')) {
        const effect = fault.def.hooks.authorizationResponse!(out, fault.params, req);
        if (effect) this.#applied(record.entry, fault, effect);
      }
    });
  }

  /** Close connections held open by hang faults (on clear, reset and close). */
  releaseHung(): void {
    for (const socket of this.#hung) socket.destroy();
    this.#hung.clear();
  }

  #applied(entry: JournalEntry, fault: ActiveFault, effect: string) {
    fault.applied++;
    entry.faults.push({ id: fault.id, kind: fault.kind, effect });
  }
}

function describe(action: RequestAction): string {
  switch (action.type) {
    case 'respond':
      return `answered ${action.status}${action.headers?.['Retry-After'] ? ` with Retry-After: ${action.headers['Retry-After']}` : ''}`;
    case 'redirect':
      return `redirected to ${action.location}`;
    case 'delay':
      return `delayed ${Math.round(action.ms)} ms`;
    case 'hang':
      return 'left the request hanging';
    case 'reset':
      return 'reset the connection (TCP RST)';
    case 'empty':
      return 'closed the connection without a response';
    case 'slow-body':
      return `trickled the body in ${action.chunks} chunks over ${action.totalMs} ms`;
    case 'note':
      return action.effect;
  }
}

function stringParams(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') out[k] = v;
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
