/**
 * In-memory sessions and pending logins, each found through an opaque random cookie value.
 *
 * Pending logins are keyed by their own cookie, never by `state`: looking a login up by the state
 * that came back would be a state check in disguise, and the naive app must be able to skip it.
 */
import { randomBytes } from 'node:crypto';
import type { Claims, LoginTransaction, TokenSet } from './adapter.js';

export interface Session {
  readonly id: string;
  readonly sub: string;
  claims: Claims;
  tokens: TokenSet;
  /** The refresh in flight, shared by concurrent requests so one expiry costs one refresh. */
  refreshing?: Promise<void>;
}

const LOGIN_TTL_MS = 10 * 60 * 1000;

export class MemoryStore {
  readonly #sessions = new Map<string, Session>();
  readonly #logins = new Map<string, { transaction: LoginTransaction; expiresAt: number }>();

  createSession(sub: string, claims: Claims, tokens: TokenSet): Session {
    const session: Session = { id: randomId(), sub, claims, tokens };
    this.#sessions.set(session.id, session);
    return session;
  }

  session(id: string | undefined): Session | undefined {
    return id === undefined ? undefined : this.#sessions.get(id);
  }

  deleteSession(id: string): void {
    this.#sessions.delete(id);
  }

  /** Remembers a pending login and returns the id for its cookie. */
  saveLogin(transaction: LoginTransaction): string {
    const now = Date.now();
    for (const [id, login] of this.#logins) {
      if (login.expiresAt <= now) this.#logins.delete(id);
    }
    const id = randomId();
    this.#logins.set(id, { transaction, expiresAt: now + LOGIN_TTL_MS });
    return id;
  }

  /** Returns a pending login once: a callback cannot be replayed against the same transaction. */
  takeLogin(id: string | undefined): LoginTransaction | undefined {
    if (id === undefined) return undefined;
    const login = this.#logins.get(id);
    this.#logins.delete(id);
    return login !== undefined && login.expiresAt > Date.now() ? login.transaction : undefined;
  }
}

function randomId(): string {
  return randomBytes(32).toString('base64url');
}
