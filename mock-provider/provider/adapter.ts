import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { ClientConfig } from '../config/schema.js';
import { LOOPBACK_PLACEHOLDER } from './loopback-redirects.js';

/** Entries kept per model (sessions, codes, tokens …) before the oldest is dropped. */
export const MAX_PER_MODEL = 20_000;

interface Stored {
  payload: AdapterPayload;
  expiresAt?: number;
}

/**
 * In-memory storage for oidc-provider: one Map per model, expiry honoured on read and swept on a
 * timer (the built-in LRU evicts under load and cannot be reset). Clients are served from the
 * live client list, so changing a redirect URI at run time takes effect at once.
 */
export class MemoryStore {
  #models = new Map<string, Map<string, Stored>>();
  #sweeper: NodeJS.Timeout;

  constructor(private clients: () => readonly ClientConfig[]) {
    this.#sweeper = setInterval(() => this.sweep(), 30_000);
    this.#sweeper.unref();
  }

  model(name: string): Map<string, Stored> {
    let m = this.#models.get(name);
    if (!m) this.#models.set(name, (m = new Map()));
    return m;
  }

  sweep(now = Date.now()): void {
    for (const m of this.#models.values()) {
      for (const [id, s] of m) if (s.expiresAt !== undefined && s.expiresAt <= now) m.delete(id);
    }
  }

  /** Forget everything but clients: sessions, grants, codes, tokens. */
  clear(): void {
    this.#models.clear();
  }

  close(): void {
    clearInterval(this.#sweeper);
  }

  adapterFor(name: string): Adapter {
    const store = this;
    const m = () => store.model(name);
    const get = (id: string) => {
      const s = m().get(id);
      if (!s) return undefined;
      if (s.expiresAt !== undefined && s.expiresAt <= Date.now()) {
        m().delete(id);
        return undefined;
      }
      return s.payload;
    };
    if (name === 'Client') {
      return {
        async find(id: string) {
          const c = store.clients().find((client) => client.client_id === id);
          return c ? clientMetadata(c) : undefined;
        },
        async upsert() {},
        async findByUid() {
          return undefined;
        },
        async findByUserCode() {
          return undefined;
        },
        async consume() {},
        async destroy() {},
        async revokeByGrantId() {},
      };
    }
    return {
      async upsert(id, payload, expiresIn) {
        const model = m();
        model.delete(id);
        model.set(id, { payload, ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}) });
        // Bounded like oidc-provider's own store, so a long benchmark cannot grow memory without
        // end; Maps iterate in insertion order, so the first key is the oldest entry.
        if (model.size > MAX_PER_MODEL) model.delete(model.keys().next().value!);
      },
      async find(id) {
        return get(id);
      },
      async findByUid(uid) {
        for (const [id, s] of m()) if (s.payload.uid === uid) return get(id);
        return undefined;
      },
      async findByUserCode(userCode) {
        for (const [id, s] of m()) if (s.payload.userCode === userCode) return get(id);
        return undefined;
      },
      async consume(id) {
        const s = m().get(id);
        if (s) s.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        m().delete(id);
      },
      async revokeByGrantId(grantId) {
        for (const model of store.#models.values()) {
          for (const [id, s] of model) if (s.payload.grantId === grantId) model.delete(id);
        }
      },
    };
  }
}

/**
 * oidc-provider client metadata from our config shape. A client with no redirect URI cannot use
 * the code flow (oidc-provider refuses such metadata outright), so it is registered for its
 * other grants only — unless it accepts any loopback redirect URI (loopback-redirects.ts); the
 * banner and docs say to add redirect_uris for sign-in.
 */
export function clientMetadata(c: ClientConfig): AdapterPayload {
  // A client open to any loopback redirect URI needs one registered for oidc-provider to allow the code flow.
  const redirectUris = c.redirect_uris.length === 0 && c.any_loopback_redirect_uri ? [LOOPBACK_PLACEHOLDER] : c.redirect_uris;
  const codeFlow = c.grant_types.includes('authorization_code') && redirectUris.length > 0;
  const grantTypes = codeFlow ? c.grant_types : c.grant_types.filter((g) => g !== 'authorization_code' && g !== 'refresh_token');
  return {
    client_id: c.client_id,
    ...(c.client_secret ? { client_secret: c.client_secret } : {}),
    redirect_uris: redirectUris,
    post_logout_redirect_uris: c.post_logout_redirect_uris,
    grant_types: grantTypes,
    response_types: codeFlow ? ['code'] : [],
    token_endpoint_auth_method: c.token_endpoint_auth_method ?? (c.public ? 'none' : 'client_secret_basic'),
    ...(c.scope ? { scope: c.scope } : {}),
  };
}
