/**
 * The mock protected API: served by the provider's process under a base path (default /api),
 * Bearer access tokens checked against the provider, API keys against the config, refusals
 * written as real APIs write them (answers.ts), and every call recorded in the journal.
 */
import type { RequestHandler, Router } from 'express';
import type Provider from 'oidc-provider';
import type { ResolvedApiConfig } from '../config/defaults.js';
import { recordOf } from '../inject/request-context.js';
import { ApiKeys } from './api-keys.js';
import { findCredentials } from './credentials.js';
import { matchesPath } from '../faults/route-pattern.js';
import { resourceApiRouter, type ResourceApiOptions } from './router.js';
import { TokenRegistry } from './token-registry.js';

export interface ResourceApi {
  /** Serves the routes; mount it at `config.path`. */
  readonly router: Router;
  /**
   * Mount before the fault engine, at the same path: a call answered by a request-phase fault
   * (rate-limit, http.error, network.*) never reaches the router, and this still records its
   * route and where its credential was.
   */
  readonly recorder: RequestHandler;
  /** Forget what the API knew of issued tokens (with the provider's reset). */
  reset(): void;
}

export type CreateResourceApiOptions = Omit<ResourceApiOptions, 'registry' | 'provider'> & { provider: Provider };

export function createResourceApi(options: CreateResourceApiOptions): ResourceApi {
  const registry = new TokenRegistry();
  registry.attach(options.provider);
  return {
    router: resourceApiRouter({ ...options, registry }),
    recorder: callRecorder(options.config),
    reset: () => registry.clear(),
  };
}

function callRecorder(config: ResolvedApiConfig): RequestHandler {
  const keys = new ApiKeys(config);
  return (req, res, next) => {
    const route = config.routes.find((r) => r.method === req.method && matchesPath(r.path, req.path));
    const fill = () => {
      const entry = recordOf(req)?.entry;
      if (!entry || entry.api) return;
      // Headers and query only: a call refused before the router never had its body read.
      const source = { headers: req.headers, rawHeaders: req.rawHeaders, query: req.query };
      const first = findCredentials(source, { keyHeader: config.header, looksLikeKey: keys.looksLikeKey }).find(
        (f) => f.type === 'bearer' || f.type === 'api-key' || f.type === 'misplaced-key',
      );
      entry.api = {
        ...(route ? { route: `${route.method} ${config.path}${route.path}` } : {}),
        ...(first ? { tokenKind: first.type === 'bearer' ? (first.value.split('.').length === 3 ? 'jwt' : 'opaque') : 'api-key', foundIn: first.where } : {}),
      };
    };
    res.once('finish', fill);
    res.once('close', fill);
    next();
  };
}
