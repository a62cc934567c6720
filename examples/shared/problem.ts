/**
 * What went wrong talking to the provider, in the words a page and a log line need.
 *
 * Every failure is one of five kinds, and the kind alone decides the HTTP status and whether the
 * session survives. No kind maps to 5xx: a provider that misbehaves is not the app crashing, and the
 * harness reads a 5xx as a crash.
 *
 * | kind           | meaning                                                  | status | session |
 * |----------------|----------------------------------------------------------|--------|---------|
 * | invalid        | the provider's answer failed a protocol check            | 400    | ended   |
 * | denied         | the provider or user said no (access_denied, invalid_grant) | 401 | ended   |
 * | token-rejected | userinfo answered 401 to the access token                | 401    | ended*  |
 * | forbidden      | userinfo answered 403 (insufficient_scope)               | 403    | kept    |
 * | unavailable    | network error, timeout, 5xx, 429 we could not wait out   | 400    | kept    |
 *
 * (*) after the one refresh-and-retry the careful app allows itself.
 */
export type ProblemKind = 'invalid' | 'denied' | 'token-rejected' | 'forbidden' | 'unavailable';

type Status = 400 | 401 | 403;

const STATUS: Readonly<Record<ProblemKind, Status>> = Object.freeze({
  invalid: 400,
  denied: 401,
  'token-rejected': 401,
  forbidden: 403,
  unavailable: 400,
});

export class Problem extends Error {
  override name = 'Problem';
  constructor(
    readonly kind: ProblemKind,
    /** Short, stable, machine-greppable: `state-mismatch`, `id-token-expired`, `timeout`. */
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  get status(): Status {
    return STATUS[this.kind];
  }

  /** Whether the session must be dropped (the tokens can no longer be trusted or used). */
  get endsSession(): boolean {
    return this.kind !== 'unavailable' && this.kind !== 'forbidden';
  }
}

/**
 * Errors that come from the transport rather than from the protocol, the same for fetch, jose and
 * openid-client: AbortSignal timeouts and undici's `TypeError: fetch failed`. Libraries wrap them,
 * so the cause chain is searched.
 */
export function transportProblem(err: unknown): Problem | undefined {
  if (!(err instanceof Error)) return undefined;
  const inner = transportProblem(err.cause);
  if (inner !== undefined) return inner;
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new Problem('unavailable', 'timeout', 'the identity provider did not answer in time', { cause: err });
  }
  if (err instanceof TypeError && err.message === 'fetch failed') {
    const why = err.cause instanceof Error ? err.cause.message : 'connection failed';
    return new Problem('unavailable', 'unreachable', `could not reach the identity provider (${why})`, { cause: err });
  }
  return undefined;
}
