import { z } from 'zod';
import { describeValue, joinOr, typeWords } from './describe-value.js';
import { didYouMean } from './did-you-mean.js';
import type { Issue, Path } from './issues.js';

type ZodIssue = z.core.$ZodIssue;

/**
 * Extra facts a refinement can attach to its custom issue (`params` of ctx.addIssue), so checks
 * written next to the schema get the same codes and allowed lists as zod's own issues.
 */
interface CustomIssueParams {
  code?: string;
  allowed?: string[];
  expected?: string;
}

/**
 * The one translator of zod's issues into words a person can act on — what was expected, what was
 * found, what is allowed, a did-you-mean for unknown keys and values — so no schema-library
 * wording ("Invalid input: expected number, received string") reaches a person, whichever side
 * decoded the value (faults, provider config, users, scenarios, target configs). `input` is the
 * value that was parsed (zod does not keep it), `base` the path of that value in the document.
 */
export function issuesFromZod(error: z.ZodError, schema: z.ZodType, input: unknown, base: Path = []): Issue[] {
  return error.issues.flatMap((issue) => fromIssue(issue, schema, input, base));
}

function fromIssue(issue: ZodIssue, schema: z.ZodType, input: unknown, base: Path): Issue[] {
  const rel = issue.path as (string | number)[];
  const path = [...base, ...rel];
  const value = valueAt(input, rel);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = keysAt(schema, rel) ?? unionKeys(schemaAt(schema, rel));
      return issue.keys.map((key) => {
        const suggestion = allowed ? didYouMean(key, allowed) : undefined;
        return {
          code: 'UNKNOWN_KEY',
          path: [...path, key],
          at: 'key' as const,
          message: `unknown key "${key}"${didYouMeanText(suggestion)}`,
          ...(allowed ? { allowed } : {}),
          ...(suggestion ? { suggestion } : {}),
        };
      });
    }
    case 'invalid_type': {
      const key = rel.at(-1);
      if (value === undefined && typeof key === 'string') {
        const expected = typeWords(issue.expected);
        return [{ code: 'MISSING_KEY', path, message: `missing required key "${key}" (${expected})`, expected }];
      }
      const expected = issue.expected === 'object' ? mappingWords(schemaAt(schema, rel)) : typeWords(issue.expected);
      return [{ code: 'INVALID_TYPE', path, message: `expected ${expected}, got ${describeValue(value)}`, expected }];
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const expected = allowed.length === 1 ? JSON.stringify(allowed[0]) : `one of ${allowed.join(', ')}`;
      if (allowed.length === 1) return [{ code: 'INVALID_VALUE', path, message: `expected ${expected}, got ${describeValue(value)}`, expected }];
      const suggestion = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      return [
        {
          code: 'INVALID_VALUE',
          path,
          message: `invalid value ${describeValue(value)}${didYouMeanText(suggestion)}`,
          expected,
          allowed,
          ...(suggestion ? { suggestion } : {}),
        },
      ];
    }
    case 'invalid_union':
      return fromUnion(issue, schemaAt(schema, rel), value, path);
    case 'too_small':
    case 'too_big':
      return [{ code: 'OUT_OF_RANGE', path, message: rangeMessage(issue, value) }];
    case 'invalid_format': {
      const expected = formatWords(issue);
      return [{ code: 'INVALID_FORMAT', path, message: `expected ${expected}, got ${describeValue(value)}`, expected }];
    }
    case 'custom': {
      const params = (issue.params ?? {}) as CustomIssueParams;
      return [
        {
          code: params.code ?? 'INVALID',
          path,
          message: issue.message,
          ...(params.expected ? { expected: params.expected } : {}),
          ...(params.allowed ? { allowed: params.allowed } : {}),
        },
      ];
    }
    default:
      return [{ code: 'INVALID', path, message: issue.message }];
  }
}

/**
 * Every union the scenario and config schemas validate has branches of different types (a string
 * or a mapping, a value or a list of values), so the branch whose type matched is the one the
 * person meant: report its issues alone. When no type matched, say which types would have, and
 * the values a branch of fixed values allows.
 */
function fromUnion(issue: z.core.$ZodIssueInvalidUnion, union: z.ZodType | undefined, value: unknown, path: Path): Issue[] {
  const options = union instanceof z.ZodUnion ? (union.options as z.ZodType[]) : [];
  const matched = issue.errors
    .map((errors, i) => ({ errors, schema: options[i] }))
    .filter((b) => b.schema && !b.errors.some((e) => e.path.length === 0 && wrongType(e, value)))
    .sort((a, b) => a.errors.length - b.errors.length)[0];
  if (matched?.schema) {
    return matched.errors.flatMap((e) => fromIssue(e, matched.schema!, value, path));
  }
  const words = options.length > 0 ? options.map((o) => typeOf(unwrap(o))) : issue.errors.flatMap((errors) => errors.filter((e) => e.path.length === 0 && e.code === 'invalid_type').map((e) => typeWords((e as z.core.$ZodIssueInvalidType).expected)));
  const expected = joinOr(mergeMappings(words).flatMap((w) => (w === typeWords('boolean') ? ['true', 'false'] : [w])));
  const allowed = options.flatMap((o) => fixedValues(unwrap(o)));
  return [{ code: 'INVALID_TYPE', path, message: `expected ${expected}, got ${describeValue(value)}`, expected, ...(allowed.length > 0 ? { allowed } : {}) }];
}

/** A branch refused the value for its type: the wrong type, or a fixed value of another type (a list given where "token" was allowed). */
function wrongType(e: ZodIssue, value: unknown): boolean {
  if (e.code === 'invalid_type') return true;
  return e.code === 'invalid_value' && !e.values.some((v) => typeof v === typeof value);
}

/** A branch's type in words: "a string", "a list", "a mapping (keys: ms)". */
function typeOf(schema: z.ZodType | undefined): string {
  if (schema instanceof z.ZodObject) return mappingWords(schema);
  if (schema instanceof z.ZodEnum || schema instanceof z.ZodLiteral) {
    const types = [...new Set(fixedValues(schema).length > 0 ? (schema instanceof z.ZodEnum ? schema.options : [...schema.values]).map((v) => typeof v) : [])];
    return joinOr(types.map(typeWords));
  }
  if (schema instanceof z.ZodArray) return 'a list';
  if (schema instanceof z.ZodRecord) return 'a mapping';
  return typeWords(schema?.type ?? 'unknown');
}

/** The values an enum or literal allows, as text. */
function fixedValues(schema: z.ZodType | undefined): string[] {
  if (schema instanceof z.ZodEnum) return schema.options.map(String);
  if (schema instanceof z.ZodLiteral) return [...schema.values].map(String);
  return [];
}

/** The mappings of several branches as one: "a mapping (keys: ms, seconds)". */
function mergeMappings(words: readonly string[]): string[] {
  const keys = [...new Set(words.flatMap((w) => /^a mapping \(keys: (.*)\)$/.exec(w)?.[1]?.split(', ') ?? []))];
  const mapping = keys.length > 0 && keys.length <= MAX_KEYS ? `a mapping (keys: ${keys.join(', ')})` : 'a mapping';
  return [...new Set(words.map((w) => (w.startsWith('a mapping') ? mapping : w)))];
}

/** Past this many keys a mapping is just "a mapping": the unknown-key message lists them where they matter. */
const MAX_KEYS = 8;

/** "a mapping (keys: label, value)": what a mapping at this place may hold, when it is a short list. */
function mappingWords(schema: z.ZodType | undefined): string {
  const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  return keys.length > 0 && keys.length <= MAX_KEYS ? `a mapping (keys: ${keys.join(', ')})` : 'a mapping';
}

/** A format in words: a regex's own message when the schema gave one ("an HTTP header name"), else what it is. */
function formatWords(issue: z.core.$ZodIssueInvalidStringFormat): string {
  if (issue.format === 'regex') return issue.message.startsWith('Invalid') ? `text matching ${issue.pattern}` : issue.message;
  return issue.format === 'url' ? 'a URL' : `a valid ${issue.format}`;
}

function rangeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, value: unknown): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') {
    if (small && limit === 1) return 'must not be empty';
    return `must be at ${small ? 'least' : 'most'} ${limit} characters long`;
  }
  if (issue.origin === 'array') return `must have at ${small ? 'least' : 'most'} ${limit} item${limit === 1 ? '' : 's'}`;
  const bound = issue.inclusive ? `at ${small ? 'least' : 'most'}` : small ? 'more than' : 'less than';
  return `must be ${bound} ${limit}, got ${describeValue(value)}`;
}

function didYouMeanText(suggestion: string | undefined): string {
  return suggestion ? ` — did you mean "${suggestion}"?` : '';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

/** The keys an object schema allows at `path`, found by walking the schema (zod 4 does not say). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  const node = schemaAt(schema, path);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : undefined;
}

/** The schema that validated the value at `path`. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let node: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (node instanceof z.ZodObject) node = unwrap(node.shape[segment as string] as z.ZodType | undefined);
    else if (node instanceof z.ZodArray) node = unwrap(node.element as z.ZodType);
    else if (node instanceof z.ZodRecord) node = unwrap(node.valueType as z.ZodType);
    else return undefined;
  }
  return node;
}

/**
 * zod reports the issues of the one union branch whose type matched as if there were no union
 * (a mapping given for `string | {…}`), so the allowed keys are those of the mapping branches.
 */
function unionKeys(node: z.ZodType | undefined): string[] | undefined {
  if (!(node instanceof z.ZodUnion)) return undefined;
  const keys = (node.options as z.ZodType[]).flatMap((option) => {
    const inner = unwrap(option);
    return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
  });
  return keys.length > 0 ? [...new Set(keys)] : undefined;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let node = schema;
  while (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable || node instanceof z.ZodPipe) {
    node = (node instanceof z.ZodPipe ? node.in : node.unwrap()) as z.ZodType;
  }
  return node;
}
