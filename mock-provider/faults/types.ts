import type { z } from 'zod';
import type { When } from './envelope.js';
import type { Category, InjectionPoint } from './points.js';

export { CATEGORIES, INJECTION_POINTS, type Category, type InjectionPoint } from './points.js';
export type { When, WhenInput } from './envelope.js';

/** What the injector knows of the request when a fault is considered. Framework-free. */
export interface FaultRequest {
  point: InjectionPoint;
  method: string;
  path: string;
  /** The query string's parameters (the authorization request's, at `authorize`). */
  query: Record<string, string>;
  clientId?: string;
  /** Known once the provider has parsed the token request (response phase only). */
  grantType?: string;
  ip: string;
  /** Milliseconds since the epoch, on the real clock. */
  now: number;
}

/** What a request-phase hook asks the injector to do instead of (or before) normal handling. */
export type RequestAction =
  | { type: 'respond'; status: number; headers?: Record<string, string>; body?: unknown }
  | { type: 'redirect'; location: string }
  | { type: 'delay'; ms: number }
  | { type: 'hang' }
  | { type: 'reset' }
  /** Close the connection without sending a byte of response. */
  | { type: 'empty' }
  /** Let the request through, then trickle the real response body in `chunks` over `totalMs`. */
  | { type: 'slow-body'; chunks: number; totalMs: number }
  /** Let the request through unchanged, but record on its journal entry that the fault shaped it. */
  | { type: 'note'; effect: string };

/** A credential the mock API found and accepted, as api-phase hooks see it (never the secret itself). */
export interface ApiCredential {
  kind: 'jwt' | 'opaque' | 'api-key';
  /** Where it was found, in words: "Authorization header", "X-API-Key header". */
  foundIn: string;
  /** A stable, irreversible fingerprint of the value, so a hook can recognise the same credential again. */
  fingerprint: string;
  /** For people: "an opaque access token", "API key af_test_…cdef". */
  label: string;
  scopes: readonly string[];
  claims: Readonly<Record<string, unknown>>;
  /** An API key's environment. */
  environment?: 'test' | 'live';
  /** An API key as it may be shown: its prefix and last four characters, "af_test_…cdef". */
  shown?: string;
}

/** A call to the mock API after its credential was accepted, before its scopes and claims are checked. */
export interface ApiCall {
  /** The route as configured, under the base path: "GET /api/orders". */
  route: string;
  /** Scopes, roles and claims the route requires. */
  requires: { scopes: readonly string[]; roles: readonly string[]; claims: Readonly<Record<string, unknown>> };
  credential: ApiCredential;
  /** The environment the API runs in (which API keys it accepts). */
  environment: 'test' | 'live';
  /** The header API keys belong in. */
  keyHeader: string;
}

/**
 * How an api-phase hook refuses a call. The API renders it exactly as it renders a refusal of its
 * own (RFC 6750 challenges, the same bodies), so a faulted answer cannot be told from a real one.
 */
export type ApiRefusal =
  /** 401 `Bearer error="invalid_token"`. */
  | { error: 'invalid_token'; description: string }
  /** 403 `Bearer error="insufficient_scope", scope="…"`. */
  | { error: 'insufficient_scope'; scope: string; description: string }
  /** 403 with a body naming the role or claim that is missing. */
  | { error: 'forbidden'; description: string; required: Record<string, unknown> }
  /** 401 for an API key: revoked, or of the other environment. */
  | { error: 'api_key_revoked' | 'api_key_wrong_environment'; description: string; found: string; expected: string };

/** What request hooks may consult besides the request. */
export interface RequestEnv {
  issuer: string;
  /** Whether a redirect URI is registered for the client (never redirect anywhere else). */
  redirectAllowed(clientId: string | undefined, uri: string): boolean;
  /** The fault's own seeded generator (latency distributions, say). */
  random(): number;
}

/** A JSON response the provider produced, open to change before it is sent. */
export interface MutableResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** A signing key, private part included, as jose and oidc-provider use it. */
export interface KeyPair {
  jwk: Record<string, unknown> & { kid: string; alg: string };
  privateKey: unknown;
  publicJwk: Record<string, unknown>;
}

export interface ResignOptions {
  /** Sign with this key instead of the provider's (a foreign or rotated key). */
  key?: KeyPair;
  /** HMAC-sign with this secret (HS256 keyed with the client secret, say). */
  hmacSecret?: string;
  /** Leave the signature off: alg "none" and an empty third segment. */
  unsigned?: boolean;
}

/** Tools a response-phase hook gets: re-signing with the provider's keys, stored tokens, the clock. */
export interface TokenTools {
  /** Decode a compact JWT, let `mutate` change header and payload, re-sign (header.kid and alg kept unless mutated). */
  resign(
    jwt: string,
    mutate: (payload: Record<string, unknown>, header: Record<string, unknown>) => void,
    options?: ResignOptions,
  ): Promise<string>;
  /** Change a stored opaque token (AccessToken, RefreshToken) so the provider itself sees the change. */
  updateStored(model: 'AccessToken' | 'RefreshToken', value: string, mutate: (payload: Record<string, unknown>) => void): Promise<boolean>;
  /** A fresh RSA key pair (RS256) with its own kid. */
  generateKey(kid?: string): Promise<KeyPair>;
  /** The provider's current signing key. */
  signingKey(): KeyPair;
  /** The registered secret of a client, when it has one. */
  clientSecret(clientId: string | undefined): string | undefined;
  /** Seconds since the epoch on the provider's clock. */
  epoch(): number;
}

/** What lifecycle hooks may change while a fault is set; they return how to undo it. */
export interface ProviderEnv {
  /** The live client list (redirect URIs, and whether any loopback one is accepted, may be changed for the run). */
  clients: { client_id: string; redirect_uris: string[]; any_loopback_redirect_uri?: boolean }[];
  /** Present when the provider serves HTTPS: what the back channel's TLS listener presents. */
  tls?: TlsControl;
  /** Present on a tenant (an issuer at /{name} besides the default one), which shares the listeners. */
  tenant?: { name: string; https: boolean };
  /** What the JWKS publishes, for the mock API's verification (provider/published-keys.ts); absent in unit tests. */
  keys?: { rotate(key: KeyPair, keepOld: boolean): () => void };
}

/** A server certificate (with key and chain) and any TLS settings that go with it. */
export interface ServedCertificate {
  certPem: string;
  keyPem: string;
  chainPem: string[];
  /** What it is, in words, for the journal ("expired 2 days ago"). */
  label: string;
  /** Extra TLS settings: protocol versions, ciphers (tls.old-protocol, tls.weak-key). */
  secureOptions?: { minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'; maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'; ciphers?: string };
}

/** The run's TLS: its CA, and the certificate the back channel presents. */
export interface TlsControl {
  /** The hosts the valid certificate names (127.0.0.1, localhost, …). */
  hosts: readonly string[];
  /** The run CA, for issuing certificates a client that trusts the run CA would accept. */
  issueFromRunCa(options: { hosts: readonly string[]; notBefore?: Date; notAfter?: Date; rsaBits?: number; hash?: 'SHA-256' | 'SHA-1'; label: string; withIntermediate?: boolean; sendChain?: boolean }): Promise<ServedCertificate>;
  /** A certificate from a CA nobody trusts, or self-signed. */
  issueUntrusted(options: { hosts: readonly string[]; selfSigned?: boolean; label: string }): Promise<ServedCertificate>;
  /** Present this on new back-channel connections; returns the undo. */
  serve(cert: ServedCertificate, onConnection: () => void): () => void;
}

/** The result of a hook: a short human description of what it did, or undefined when it did nothing. */
export type Effect = string | undefined;

/**
 * Hooks are the only code a kind has; each receives its validated parameters and a per-fault
 * mutable `state` object the store keeps for it (rate-limit windows, say). A kind implements
 * the hooks of the phases it acts in; the engine (inject/engine.ts) calls them at their points.
 */
export interface FaultHooks<P> {
  /** Before the provider (or API) handles the request: answer, delay, hang, reset instead. */
  request?(req: FaultRequest, params: P, state: Record<string, unknown>, env: RequestEnv): RequestAction | undefined;
  /** A successful authorization response's parameters (code, state, iss), before encoding. */
  authorizationResponse?(out: Record<string, unknown>, params: P, req: FaultRequest): Effect;
  /** Scopes about to be granted at authorization; return the ones to grant instead. */
  grantScopes?(scopes: readonly string[], params: P, req: FaultRequest): readonly string[] | undefined;
  /** A JSON response of the provider (token, discovery, JWKS, userinfo, introspection …). */
  response?(res: MutableResponse, params: P, tools: TokenTools, req: FaultRequest, state: Record<string, unknown>): Promise<Effect>;
  /** In the mock API, once the credential is accepted and before scopes and claims are checked: refuse the call. */
  api?(call: ApiCall, params: P, state: Record<string, unknown>): ApiRefusal | undefined;
  /** When the fault is set: change the provider for the run; return the undo. */
  activate?(
    params: P,
    env: ProviderEnv,
    state: Record<string, unknown>,
    tools: TokenTools,
    when: When,
    /** Count one application (a TLS connection that met the bad certificate, say). */
    applied: () => void,
  ): Promise<(() => void) | void> | (() => void) | void;
}

/**
 * One fault kind: data about it, its parameter schema, and its hooks. `K` is its name and `S` the
 * schema of its parameters, so the kind's hooks see the parameters as decoded and the registry
 * knows each kind's parameters as written (FaultInput).
 */
export interface FaultKind<K extends string = string, S extends z.ZodType = z.ZodType> {
  kind: K;
  category: Category;
  /** One line: what the provider does. */
  summary: string;
  /** What a correct client does when it meets this fault. */
  correctClient: string;
  /** Why mishandling it matters: the attack or outage it allows. */
  why: string;
  /** How to fix an app that mishandles it, concretely for common stacks where a setting exists. */
  fix: string;
  references: readonly string[];
  /** Every point where the kind can apply. */
  points: readonly InjectionPoint[];
  /** Where it applies when `when.endpoint` is not given. */
  defaultPoints: readonly InjectionPoint[];
  params: S;
  /**
   * Checks that need the parameters and the envelope together, run when a fault is parsed
   * (`points` is `when.endpoint` or the default points); each problem becomes a parse issue.
   */
  check?(params: z.output<S>, when: When, points: readonly InjectionPoint[]): { path: (string | number)[]; message: string }[];
  hooks: FaultHooks<z.output<S>>;
  /** A kind that cannot be built on this platform is listed with the reason instead of being faked. */
  unavailable?: string;
}

/** Any kind, whatever its name and parameters (`any`: each its own), as the registry, the store and the engine hold them. */
export type AnyFaultKind = FaultKind<string, z.ZodType<any>>;

/**
 * A kind, typed from its own literal: the name stays a literal and the hooks see the parameters
 * as the schema decodes them.
 *
 * @example export const stateMissing = defineKind({ kind: 'state.missing', params: z.strictObject({}), … });
 */
export function defineKind<const K extends string, S extends z.ZodType>(kind: FaultKind<K, S>): FaultKind<K, S> {
  return kind;
}
