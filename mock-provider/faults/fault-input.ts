import type { z } from 'zod';
import type { When, WhenInput } from './envelope.js';
import type { ALL_KINDS } from './kinds/index.js';
import type { FaultKind } from './types.js';

type Kinds = (typeof ALL_KINDS)[number];

/** The name of every fault kind the registry has, as a union: `'token.expired' | 'state.tampered' | …`. */
export type FaultKindName = Kinds['kind'];

/** A kind's parameters as written; a strict object without keys says `[x: string]: never`, which would refuse `kind` itself. */
type Params<S extends z.ZodType> = { [P in keyof z.input<S> as string extends P ? never : P]: z.input<S>[P] };
type InputOf<D> = D extends FaultKind<infer K, infer S> ? { [P in keyof ({ kind: K } & Params<S> & { when?: WhenInput })]: ({ kind: K } & Params<S> & { when?: WhenInput })[P] } : never;

/**
 * A fault as written in a scenario file, posted to the control API or passed to
 * `idp.faults.add()`: `kind`, that kind's own parameters beside it, and `when`. One member per
 * kind, derived from the registry, so a misspelt kind or parameter does not compile.
 *
 * @example
 * const expired: FaultInput = { kind: 'token.expired', token: 'id_token', when: { times: 1 } };
 */
export type FaultInput = InputOf<Kinds>;

/** The written form of one kind: `FaultInputOf<'rate-limit'>`. */
export type FaultInputOf<K extends FaultKindName> = Extract<FaultInput, { kind: K }>;

/**
 * A fault once decoded (parseFault): its kind, its parameters with defaults filled in, and the
 * envelope with `endpoint` as a list. The one shape a decoded fault has — in a scenario, in the
 * store, in GET /faults and in reports — and `idp.faults.add()` takes it as it is.
 */
export interface FaultSpec {
  kind: string;
  params: Record<string, unknown>;
  when: When;
}
