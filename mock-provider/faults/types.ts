import type { z } from 'zod';

/** Where a fault hooks in; follows the protocol, not the framework. */
export const INJECTION_POINTS = [
  'discovery',
  'jwks',
  'authorize',
  'interaction',
  'token',
  'userinfo',
  'introspection',
  'revocation',
  'end_session',
  'api',
  'transport',
] as const;
export type InjectionPoint = (typeof INJECTION_POINTS)[number];

export const CATEGORIES = [
  'tokens',
  'credentials',
  'oauth-flow',
  'tls',
  'rate-limits',
  'network',
  'clock',
  'permissions',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The shared envelope: the same optional conditions for every kind. */
export interface When {
  endpoint?: InjectionPoint[];
  client?: string;
  nth?: number;
  times?: number;
  probability?: number;
  after_ms?: number;
}

/** A fault exactly as written in a scenario file or posted to the control API, after decoding. */
export interface FaultSpec {
  kind: string;
  params: Record<string, unknown>;
  when: When;
}

/** What the injector knows of the request when a fault is considered. Framework-free. */
export interface FaultRequest {
  point: InjectionPoint;
  method: string;
  path: string;
  clientId?: string;
  ip: string;
  /** Milliseconds since the epoch, on the real clock. */
  now: number;
}

/** What a request-phase hook asks the injector to do instead of (or before) normal handling. */
export type RequestAction =
  | { type: 'respond'; status: number; headers?: Record<string, string>; body?: unknown }
  | { type: 'delay'; ms: number }
  | { type: 'hang' }
  | { type: 'reset' };

/** Tools a token-phase hook gets: re-signing with the provider's keys, access to stored tokens. */
export interface TokenTools {
  /** Decode a compact JWT, let `mutate` change header and payload, re-sign with the provider's key. */
  resign(
    jwt: string,
    mutate: (payload: Record<string, unknown>, header: Record<string, unknown>) => void,
  ): Promise<string>;
  /** Change a stored opaque token (AccessToken, RefreshToken) so the provider itself sees the change. */
  updateStored(model: 'AccessToken' | 'RefreshToken', value: string, mutate: (payload: Record<string, unknown>) => void): Promise<boolean>;
  /** Seconds since the epoch on the provider's clock. */
  epoch(): number;
}

/** The result of a hook: a short human description of what it did, or undefined when it did nothing. */
export type Effect = string | undefined;

/**
 * Hooks are the only code a kind has; each receives its validated parameters and a per-fault
 * mutable `state` object the store keeps for it (rate-limit windows, say).
 */
export interface FaultHooks<P> {
  request?(req: FaultRequest, params: P, state: Record<string, unknown>): RequestAction | undefined;
  authorizationResponse?(out: Record<string, unknown>, params: P, req: FaultRequest): Effect;
  tokenResponse?(body: Record<string, unknown>, params: P, tools: TokenTools, req: FaultRequest): Promise<Effect>;
}

/** One fault kind: data about it, its parameter schema, and its hooks. */
export interface FaultKind<P = Record<string, unknown>> {
  kind: string;
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
  params: z.ZodType<P>;
  hooks: FaultHooks<P>;
}
