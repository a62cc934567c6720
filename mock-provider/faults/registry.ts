import { z } from 'zod';
import type { FaultKind } from './types.js';
import { whenSchema } from './envelope.js';
import { ALL_KINDS } from './kinds/index.js';

/**
 * The one registry of fault kinds. Adding a kind = one file in kinds/<category>/ and one line in
 * that folder's index.ts.
 */
const KINDS: readonly FaultKind<any>[] = ALL_KINDS;

const byName = indexKinds(KINDS);

/** The kinds by name; two kinds with one name are a mistake in the code, refused at start-up rather than one of them silently lost. */
export function indexKinds(kinds: readonly FaultKind<any>[]): ReadonlyMap<string, FaultKind<any>> {
  const index = new Map<string, FaultKind<any>>();
  for (const kind of kinds) {
    if (index.has(kind.kind)) throw new Error(`two fault kinds are named "${kind.kind}": each kind needs a name of its own`);
    index.set(kind.kind, kind);
  }
  return index;
}

export function listKinds(): readonly FaultKind<any>[] {
  return KINDS;
}

export function getKind(name: string): FaultKind<any> | undefined {
  return byName.get(name);
}

export function kindNames(): string[] {
  return KINDS.map((k) => k.kind);
}

/** The schema editors see: one branch per kind, each with `kind`, its parameters and `when`. */
export function faultSchemaForEditors(): z.ZodType {
  const branches = KINDS.map((k) =>
    (k.params as unknown as z.ZodObject).extend({
      kind: z.literal(k.kind).describe(k.summary),
      when: whenSchema.optional(),
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
