import { z } from 'zod';
import { describeValue, didYouMean, issuesFromZod } from '../../mock-provider/common.js';
import type { Path, PathIssue } from '../util/issues.js';

/**
 * Steps and idp expectations are written as single-key mappings (`- login: alice`), so a list
 * reads like a script. Each kind is one entry of a table: the schema of what follows its key, and
 * how that becomes the runner's model. Adding a kind is adding an entry.
 */
export interface SingleKeyEntry<Out> {
  /** What may follow the key; its description is the editor's hover text. */
  args: z.ZodType;
  build(args: never): Out;
  /**
   * Decodes what follows the key instead of `args` (which then serves editors only) before
   * `build` sees it, for values another decoder owns: `set-faults` holds faults, decoded by
   * mock-provider's parseFault.
   */
  decode?(value: unknown, path: Path): Decoded<unknown>;
}

export type SingleKeyTable<Out> = Readonly<Record<string, SingleKeyEntry<Out>>>;

/** An entry whose `build` is typed from its schema. */
export function entry<S extends z.ZodType, Out>(args: S, build: (args: z.output<S>) => Out): SingleKeyEntry<Out> {
  return { args, build };
}

/** An entry with its own decoder; `args` describes the value for editors. */
export function decodedEntry<A, Out>(args: z.ZodType, decode: (value: unknown, path: Path) => Decoded<A>, build: (args: A) => Out): SingleKeyEntry<Out> {
  return { args, build, decode };
}

/**
 * The entry of an item's key in its table, for code that goes from a loaded step or expectation
 * back to its definition: the item was decoded from that table, so the key is there.
 */
export function tableEntry<D>(table: Readonly<Record<string, unknown>>, item: { type: string }, noun: string): D {
  if (!Object.hasOwn(table, item.type)) throw new Error(`unknown ${noun} "${item.type}"`);
  return table[item.type] as D;
}

/** What follows the key of an entry that takes nothing: `- reload`, or `- reload: {}`. */
export function bareArgs(description: string) {
  return z.union([z.null(), z.strictObject({})]).describe(description);
}

/** For editors: one branch per entry, each a mapping with exactly that key. */
export function singleKeySchema(table: SingleKeyTable<unknown>, description: string): z.ZodType {
  const branches = Object.entries(table).map(([key, e]) => z.strictObject({ [key]: e.args }).describe(e.args.description ?? key));
  const bare = Object.entries(table)
    .filter(([, e]) => e.args.safeParse(null).success)
    .map(([key, e]) => z.literal(key).describe(e.args.description ?? key));
  return z.union([...branches, ...bare] as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]).describe(description);
}

/** What the decoder says about the items of one list: `step`, with an example for messages. */
export interface ItemNoun {
  name: string;
  example: string;
  unknownCode: string;
}

export type Decoded<Out> = { ok: true; value: Out } | { ok: false; issues: PathIssue[] };

/**
 * Decode in two steps, as faults are: find the entry by the one key (unknown keys get a
 * did-you-mean), then validate what follows it with that entry's schema alone, so messages talk
 * about the kind the person wrote rather than every kind there is.
 */
export function decodeSingleKey<Out>(raw: unknown, table: SingleKeyTable<Out>, path: Path, noun: ItemNoun): Decoded<Out> {
  const names = Object.keys(table);
  // A bare name (`- tls-refused`) is the entry with nothing after its key, when it allows that.
  if (typeof raw === 'string' && Object.hasOwn(table, raw) && table[raw]!.args.safeParse(null).success) {
    return decodeSingleKey({ [raw]: null }, table, path, noun);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const message = `expected a ${noun.name}: a mapping with one key, such as "${noun.example}"; got ${describeValue(raw)}`;
    return { ok: false, issues: [{ code: 'INVALID_TYPE', path, message, expected: 'a mapping with one key', allowed: names }] };
  }
  const keys = Object.keys(raw);
  if (keys.length === 0) {
    return { ok: false, issues: [{ code: 'MISSING_KEY', path, message: `a ${noun.name} needs one key, such as "${noun.example}"`, allowed: names }] };
  }
  if (keys.length > 1) {
    // Usually a missing "- " in front of the next item: both keys landed in one mapping.
    const message = `a ${noun.name} has one key, but this one also has ${keys.slice(1).map((k) => `"${k}"`).join(', ')}; start each ${noun.name} with "- "`;
    return { ok: false, issues: [{ code: 'EXTRA_KEYS', path: [...path, keys[1]!], at: 'key', message }] };
  }
  const key = keys[0]!;
  const def = table[key];
  if (!def) {
    const suggestion = didYouMean(key, names);
    const message = `unknown ${noun.name} "${key}"${suggestion ? ` — did you mean "${suggestion}"?` : ''}`;
    return { ok: false, issues: [{ code: noun.unknownCode, path: [...path, key], at: 'key', message, allowed: names, ...(suggestion ? { suggestion } : {}) }] };
  }
  const value = (raw as Record<string, unknown>)[key];
  const build = def.build as (args: unknown) => Out;
  if (def.decode) {
    const decoded = def.decode(value, [...path, key]);
    return decoded.ok ? { ok: true, value: build(decoded.value) } : decoded;
  }
  const parsed = def.args.safeParse(value);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error, def.args, value, [...path, key]) };
  return { ok: true, value: build(parsed.data) };
}
