import { z } from 'zod';
import { keysAt, didYouMean } from '../../mock-provider/common.js';
import { describeValue, joinOr, typeWords } from './describe-value.js';
import type { Path, PathIssue } from './issues.js';

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
 * zod's issues in words a person can act on: what was expected, what was found, what is allowed,
 * and a did-you-mean for unknown keys and values. `input` is the value that was parsed (zod does
 * not keep it), `base` the path of that value in the document.
 *
 * Written beside mock-provider's fromZod rather than on top of it because that one labels every
 * issue as a fault (FAULT_*) and does not know the input, so it cannot say what was found.
 */
export function issuesFromZod(error: z.ZodError, schema: z.ZodType, input: unknown, base: Path = []): PathIssue[] {
  return error.issues.flatMap((issue) => fromIssue(issue, schema, input, base));
}

function fromIssue(issue: ZodIssue, schema: z.ZodType, input: unknown, base: Path): PathIssue[] {
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
      const expected = typeWords(issue.expected);
      const key = rel.at(-1);
      if (value === undefined && typeof key === 'string') {
        return [{ code: 'MISSING_KEY', path, message: `missing required key "${key}" (${expected})`, expected }];
      }
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
      const expected =
        issue.format === 'regex' && !issue.message.startsWith('Invalid')
          ? issue.message
          : issue.format === 'regex'
            ? `text matching ${issue.pattern}`
            : issue.format === 'url'
              ? 'a URL'
              : `a valid ${issue.format}`;
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
 * Every union the scenario and config schemas validate has branches of different YAML types
 * (a string or a mapping, say), so the branch whose type matched is the one the person meant:
 * report its issues alone. When no type matched, say which types would have.
 */
function fromUnion(issue: z.core.$ZodIssueInvalidUnion, union: z.ZodType | undefined, value: unknown, path: Path): PathIssue[] {
  const options = union instanceof z.ZodUnion ? (union.options as z.ZodType[]) : [];
  const typeMismatch = (errors: ZodIssue[]) => errors.some((e) => e.path.length === 0 && e.code === 'invalid_type');
  const matched = issue.errors
    .map((errors, i) => ({ errors, schema: options[i] }))
    .filter((b) => b.schema && !typeMismatch(b.errors))
    .sort((a, b) => a.errors.length - b.errors.length)[0];
  if (matched?.schema) {
    return matched.errors.flatMap((e) => fromIssue(e, matched.schema!, value, path));
  }
  const types = [
    ...new Set(issue.errors.flatMap((errors) => errors.filter((e) => e.path.length === 0 && e.code === 'invalid_type').map((e) => typeWords((e as z.core.$ZodIssueInvalidType).expected)))),
  ];
  const expected = joinOr(types);
  return [{ code: 'INVALID_TYPE', path, message: `expected ${expected}, got ${describeValue(value)}`, expected }];
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

/** The schema that validated the value at `path` (keysAt's walk, extended to records). */
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
