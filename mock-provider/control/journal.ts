import type { InjectionPoint } from '../faults/types.js';

/** One request as the provider saw it: the server-side evidence of what the app did. */
export interface JournalEntry {
  id: number;
  /** When the request arrived (ISO, real clock). */
  time: string;
  endpoint: InjectionPoint | 'other';
  method: string;
  path: string;
  /** 0 while the request is still open; the status sent otherwise. */
  status: number;
  durationMs: number;
  clientId?: string;
  grantType?: string;
  /** Notable request parameters; secrets are never recorded, presence is recorded as `true`. */
  params?: Record<string, string | boolean>;
  /**
   * Fingerprints of the one-time values a token request presented (the first 12 hex digits of
   * their SHA-256): the same authorization code or refresh token presented twice shows as the same
   * fingerprint, the values themselves are never recorded.
   */
  presented?: { code?: string; refresh_token?: string };
  /** What a token response carried, as the client received it (after any fault): the refresh token by its fingerprint. */
  issued?: { access_token?: boolean; id_token?: boolean; refresh_token?: string };
  /** Retry-After the response carried, in seconds. */
  retryAfter?: number;
  /** How the exchange ended when it did not end with a response: reset, hang, aborted. */
  outcome?: 'reset' | 'hang' | 'aborted';
  faults: { id: string; kind: string; effect: string }[];
  /** A TLS connection (endpoint `transport`): the evidence of whether the client accepted the certificate. */
  tls?: {
    listener: 'front' | 'back';
    certificate: string;
    handshake: 'completed' | 'failed';
    /** The client sent an HTTP request over this connection: it accepted the certificate. */
    requestSent: boolean;
    alert?: string;
    protocol?: string;
  };
  /** A redirect_uri the provider refused, and which part of it differs from the registered one. */
  redirectMismatch?: { requested: string; registered: string[]; closest?: string; differences: string[] };
  /** A call of the mock protected API: the route, the credential and where it was found. */
  api?: ApiCallRecord;
}

/** What the mock API saw of a call; credentials themselves are never recorded. */
export interface ApiCallRecord {
  /** The route as configured, "GET /api/orders"; absent when no route matched. */
  route?: string;
  /** The credential presented: a JWT or an opaque access token, or an API key. */
  tokenKind?: 'jwt' | 'opaque' | 'api-key';
  /** Where the credential was found: "Authorization header", "query parameter \"api_key\"", "X-API-Key header". */
  foundIn?: string;
  /** Scopes the credential carried, once it was verified. */
  scopes?: string[];
  /** Whom the credential speaks for (sub), once it was verified. */
  subject?: string;
  /** The error code of a refusal: invalid_token, insufficient_scope, api_key_misplaced, … */
  error?: string;
}

type Listener = (entry: JournalEntry, phase: 'start' | 'end') => void;

/** An append-only record of requests, bounded so a benchmark cannot grow it without end. */
export class Journal {
  #entries: JournalEntry[] = [];
  #next = 1;
  #listeners = new Set<Listener>();

  constructor(private readonly max = 10_000) {}

  start(init: Pick<JournalEntry, 'endpoint' | 'method' | 'path'>): JournalEntry {
    const entry: JournalEntry = { id: this.#next++, time: new Date().toISOString(), status: 0, durationMs: 0, faults: [], ...init };
    this.#entries.push(entry);
    // Trim in batches of a tenth: splicing one entry off a full array on every request cost 8% of
    // the server's CPU under load (bench/RESULTS.md).
    if (this.#entries.length > this.max * 1.1) this.#entries.splice(0, this.#entries.length - this.max);
    this.#emit(entry, 'start');
    return entry;
  }

  end(entry: JournalEntry, status: number, startedAt: number): void {
    entry.status = status;
    entry.durationMs = Math.round((performance.now() - startedAt) * 10) / 10;
    this.#emit(entry, 'end');
  }

  /** Entries since (exclusive) an id, so a harness can look at one scenario's requests only. */
  entries(since = 0): JournalEntry[] {
    return this.#entries.filter((e) => e.id > since).map((e) => structuredClone(e));
  }

  get lastId(): number {
    return this.#next - 1;
  }

  clear(): void {
    this.#entries = [];
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(entry: JournalEntry, phase: 'start' | 'end') {
    for (const listener of this.#listeners) listener(entry, phase);
  }
}
