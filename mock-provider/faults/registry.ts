import { z } from 'zod';
import type { FaultKind } from './types.js';
import { whenSchema } from './envelope.js';
import { ALL_KINDS } from './kinds/index.js';

/**
 * The one registry of fault kinds. Adding a kind = one file in kinds/<category>/ and one line in
 * that folder's index.ts.
 */
const KINDS: readonly FaultKind<any>[] = ALL_KINDS;

const byName = new Map(KINDS.map((k) => [k.kind, k]));

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
