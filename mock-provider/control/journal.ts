import type { InjectionPoint } from '../faults/types.js';
import type { BudgetedJournal, JournalBudget } from './journal-budget.js';

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
  /**
   * What a token response carried, as the client received it (after any fault): the refresh token
   * by its fingerprint, and the access token's lifetime in seconds as `expires_in` said it (from
   * the response's end, `time` + `durationMs`, it tells when the token runs out).
   */
  issued?: { access_token?: boolean; id_token?: boolean; refresh_token?: string; expires_in?: number };
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

/** What one issuer's journal holds at most: its latest entries, by count and by size. */
export interface JournalLimits {
  entries: number;
  /** Bytes, as the entries' JSON (what GET /journal and the event stream send). */
  bytes: number;
}

export const JOURNAL_LIMITS: Readonly<JournalLimits> = Object.freeze({ entries: 10_000, bytes: 8 * 1024 * 1024 });

/** Longest string the journal keeps of a request (its path, a parameter's value); longer ones are cut. */
export const JOURNAL_STRING_MAX = 2048;

/** `value`, cut to JOURNAL_STRING_MAX characters with a note of how long it was. */
export function clipped(value: string): string {
  return value.length <= JOURNAL_STRING_MAX ? value : `${value.slice(0, JOURNAL_STRING_MAX)}…[${value.length} characters]`;
}

/** Room an entry takes before its request ended, besides its path: the rest of its JSON is about this. */
const OPEN_ENTRY_BYTES = 256;

/**
 * A ring buffer of requests: the latest `limits.entries`, and no more than `limits.bytes` of them,
 * so neither a benchmark's request count nor a scanner's 14 KB paths grow it without end (at 14 KB
 * a path, 10,000 entries were 270 MB an issuer). An entry's size is measured when its request
 * ends, when it is complete; strings are cut at JOURNAL_STRING_MAX.
 */
export class Journal implements BudgetedJournal {
  #entries: JournalEntry[] = [];
  readonly #sizes = new WeakMap<JournalEntry, number>();
  #bytes = 0;
  #next = 1;
  #listeners = new Set<Listener>();
  #budget: JournalBudget | undefined;

  /** `budget`: the process's, shared with its other issuers' journals (journal-budget.ts). */
  constructor(
    private readonly limits: JournalLimits = JOURNAL_LIMITS,
    budget?: JournalBudget,
  ) {
    this.#budget = budget;
    budget?.join(this);
  }

  start(init: Pick<JournalEntry, 'endpoint' | 'method' | 'path'>): JournalEntry {
    const entry: JournalEntry = { id: this.#next++, time: new Date().toISOString(), status: 0, durationMs: 0, faults: [], ...init, path: clipped(init.path) };
    this.#entries.push(entry);
    this.#sizes.set(entry, OPEN_ENTRY_BYTES + entry.path.length);
    this.#grow(OPEN_ENTRY_BYTES + entry.path.length);
    this.#emit(entry, 'start');
    return entry;
  }

  end(entry: JournalEntry, status: number, startedAt: number): void {
    entry.status = status;
    entry.durationMs = Math.round((performance.now() - startedAt) * 10) / 10;
    this.#measure(entry);
    this.#emit(entry, 'end');
  }

  /** Entries since (exclusive) an id, so a harness can look at one scenario's requests only. */
  entries(since = 0): JournalEntry[] {
    return this.#entries.filter((e) => e.id > since).map((e) => structuredClone(e));
  }

  get lastId(): number {
    return this.#next - 1;
  }

  /** The size the entries held take, as JSON (estimated for those still open). */
  get bytes(): number {
    return this.#bytes;
  }

  clear(): void {
    const held = this.#bytes;
    this.#entries = [];
    this.#bytes = 0;
    this.#budget?.changed(-held);
  }

  /** Its issuer is gone (a removed tenant): what it holds counts in its budget no more (a handle may still read it). */
  close(): void {
    this.#budget?.leave(this);
    this.#budget = undefined;
  }

  shed(bytes: number): number {
    let dropped = 0;
    let drop = 0;
    while (dropped < bytes && drop < this.#entries.length - 1) dropped += this.#sizes.get(this.#entries[drop++]!)!;
    this.#entries.splice(0, drop);
    this.#bytes -= dropped;
    return dropped;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** An ended entry's size, now that the engine has added what it learnt (parameters, faults). */
  #measure(entry: JournalEntry) {
    const before = this.#sizes.get(entry);
    // Dropped (or cleared) while its request was open: it counts no more.
    if (before === undefined || !this.#held(entry)) return;
    const size = JSON.stringify(entry).length;
    this.#sizes.set(entry, size);
    this.#grow(size - before);
  }

  /** Count `delta` more bytes, keep to its own limits, then tell the budget what it holds now. */
  #grow(delta: number) {
    const before = this.#bytes;
    this.#bytes += delta;
    this.#trim();
    this.#budget?.changed(this.#bytes - before);
  }

  /** Whether the entry is still held: ids grow, so it is when it is not older than the oldest. */
  #held(entry: JournalEntry): boolean {
    const oldest = this.#entries[0];
    return oldest !== undefined && entry.id >= oldest.id;
  }

  /**
   * Drop the oldest entries once a limit is passed by a tenth, down to the limit: splicing one
   * entry off a full array on every request cost 8% of the server's CPU under load (bench/RESULTS.md).
   */
  #trim() {
    const { entries, bytes } = this.limits;
    if (this.#entries.length <= entries * 1.1 && this.#bytes <= bytes * 1.1) return;
    const sizeAt = (i: number) => this.#sizes.get(this.#entries[i]!)!;
    let drop = Math.max(0, this.#entries.length - entries);
    let left = this.#bytes;
    for (let i = 0; i < drop; i++) left -= sizeAt(i);
    // The newest entry stays whatever its size: the request being journaled now.
    while (left > bytes && drop < this.#entries.length - 1) left -= sizeAt(drop++);
    this.#entries.splice(0, drop);
    this.#bytes = left;
  }

  #emit(entry: JournalEntry, phase: 'start' | 'end') {
    for (const listener of this.#listeners) listener(entry, phase);
  }
}
