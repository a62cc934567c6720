import { z } from 'zod';
import type { FaultKindName } from './fault-input.js';
import type { AnyFaultKind } from './types.js';
import { whenSchema } from './envelope.js';
import { ALL_KINDS } from './kinds/index.js';

/**
 * The one registry of fault kinds. Adding a kind = one file in kinds/<category>/ and one line in
 * that folder's index.ts.
 */
const KINDS: readonly AnyFaultKind[] = ALL_KINDS;

/** Keys of a fault that are not parameters: a parameter by one of these names could not be told apart. */
const RESERVED = ['kind', 'when', 'params'];

const byName = indexKinds(KINDS);

/**
 * The kinds by name. Mistakes in the code are refused at start-up rather than left to surprise:
 * two kinds with one name (one of them would be silently lost), and a parameter named kind, when
 * or params (decodeFault tells a written fault from a decoded one by `params`).
 */
export function indexKinds(kinds: readonly AnyFaultKind[]): ReadonlyMap<string, AnyFaultKind> {
  const index = new Map<string, AnyFaultKind>();
  for (const kind of kinds) {
    if (index.has(kind.kind)) throw new Error(`two fault kinds are named "${kind.kind}": each kind needs a name of its own`);
    const reserved = kind.params instanceof z.ZodObject ? Object.keys(kind.params.shape).filter((k) => RESERVED.includes(k)) : [];
    if (reserved.length > 0) throw new Error(`fault kind "${kind.kind}" has a parameter named ${reserved.join(', ')}, which a fault uses for itself`);
    index.set(kind.kind, kind);
  }
  return index;
}

export function listKinds(): readonly AnyFaultKind[] {
  return KINDS;
}

export function getKind(name: string): AnyFaultKind | undefined {
  return byName.get(name);
}

export function kindNames(): FaultKindName[] {
  return KINDS.map((k) => k.kind as FaultKindName);
}

/** The schema editors see: one branch per kind, each with `kind`, its parameters and `when` (and `extra` keys a file format adds, such as a scenario's `stage`). */
export function faultSchemaForEditors(extra: z.ZodRawShape = {}): z.ZodType {
  const branches = KINDS.map((k) =>
    (k.params as unknown as z.ZodObject).extend({
      kind: z.literal(k.kind).describe(k.summary),
      when: whenSchema.optional(),
      ...extra,
    }),
  );
  return z.discriminatedUnion('kind', branches as unknown as [z.ZodObject, ...z.ZodObject[]]);
}

/** A description of every kind for `GET /__authfault/kinds` and `authfault faults`. */
export function describeKinds() {
  return KINDS.map((k) => ({
    kind: k.kind,
    category: k.category,
    points: k.points,
    defaultPoints: k.defaultPoints,
    summary: k.summary,
    correctClient: k.correctClient,
    why: k.why,
    fix: k.fix,
    references: k.references,
    ...(k.unavailable ? { unavailable: k.unavailable } : {}),
    parameters: z.toJSONSchema(k.params, { io: 'input' }),
  }));
}
