import { z } from 'zod';
import { didYouMean } from '../util/did-you-mean.js';
import { whenSchema } from './envelope.js';
import { getKind, kindNames } from './registry.js';
import type { FaultSpec, InjectionPoint, When } from './types.js';

/** One problem with a fault, positioned by its path inside the object that was decoded. */
export interface FaultIssue {
  code: string;
  path: (string | number)[];
  message: string;
  allowed?: string[];
  suggestion?: string;
}

export type ParseResult = { ok: true; fault: FaultSpec } | { ok: false; issues: FaultIssue[] };

/**
 * Decode a fault in two steps: the envelope first, then the kind's parameters after the registry
 * lookup. Every problem is reported at once, each with the path to it.
 */
export function parseFault(raw: unknown, base: (string | number)[] = []): ParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail({ code: 'FAULT_NOT_OBJECT', path: base, message: 'a fault must be a mapping with at least `kind`' });
  }
  const { kind, when, ...params } = raw as Record<string, unknown>;
  const names = kindNames();
  if (typeof kind !== 'string') {
    return fail({ code: 'FAULT_KIND_MISSING', path: [...base, 'kind'], message: '`kind` is required and must be a string', allowed: names });
  }
  const issues: FaultIssue[] = [];
  const envelope = whenSchema.optional().safeParse(when);
  if (!envelope.success) issues.push(...fromZod(envelope.error, [...base, 'when'], whenSchema));

  const def = getKind(kind);
  if (!def) {
    const suggestion = didYouMean(kind, names);
    issues.push({
      code: 'FAULT_UNKNOWN_KIND',
      path: [...base, 'kind'],
      message: `unknown fault kind "${kind}"${suggestion ? ` — did you mean "${suggestion}"?` : ''} (\`authfault faults\` lists every kind)`,
      allowed: names,
      ...(suggestion ? { suggestion } : {}),
    });
    return fail(...issues);
  }
  const parsed = def.params.safeParse(params);
  if (!parsed.success) {
    // Unknown top-level keys are judged against the parameters and the envelope together.
    const keys = def.params instanceof z.ZodObject ? def.params.extend({ kind: z.string(), when: z.unknown() }) : def.params;
    issues.push(...fromZod(parsed.error, base, keys));
  }

  const w = (envelope.success ? envelope.data : undefined) ?? {};
  const unsupported = (w.endpoint ?? []).filter((p) => !def.points.includes(p));
  if (unsupported.length > 0) {
    issues.push({
      code: 'FAULT_POINT_UNSUPPORTED',
      path: [...base, 'when', 'endpoint'],
      message: `${kind} cannot apply at ${unsupported.join(', ')}; it supports ${def.points.join(', ')}`,
      allowed: [...def.points],
    });
  }
  if (w.route !== undefined) issues.push(...routeIssues(kind, def.points, w.endpoint, base));
  if (issues.length > 0) return fail(...issues);
  for (const problem of def.check?.(parsed.data, w as When, pointsOf(w as When, def.defaultPoints)) ?? []) {
    issues.push({ code: 'FAULT_PARAMS_CONFLICT', path: [...base, ...problem.path], message: problem.message });
  }
  if (issues.length > 0) return fail(...issues);
  return { ok: true, fault: { kind, params: parsed.data as Record<string, unknown>, when: w as When } };
}

/** Where a fault applies: `when.endpoint`, else `api` for a route, else the kind's default points. */
export function pointsOf(when: When, defaults: readonly InjectionPoint[]): readonly InjectionPoint[] {
  return when.endpoint ?? (when.route !== undefined ? ['api'] : defaults);
}

/** A route is a route of the mock API: the kind must apply at `api`, and `endpoint` (when given) must include it. */
function routeIssues(kind: string, supported: readonly InjectionPoint[], endpoint: readonly InjectionPoint[] | undefined, base: (string | number)[]): FaultIssue[] {
  if (!supported.includes('api')) {
    return [{ code: 'FAULT_POINT_UNSUPPORTED', path: [...base, 'when', 'route'], message: `route scopes a fault to calls of the mock API, but ${kind} cannot apply at api; it supports ${supported.join(', ')}`, allowed: [...supported] }];
  }
  if (endpoint && !endpoint.includes('api')) {
    return [{ code: 'FAULT_PARAMS_CONFLICT', path: [...base, 'when', 'route'], message: `route only matches calls of the mock API, so when.endpoint must include api (it is ${endpoint.join(', ')})` }];
  }
  return [];
}

function fail(...issues: FaultIssue[]): ParseResult {
  return { ok: false, issues };
}

/** Zod's issues in our shape, with the allowed values and a suggestion where zod knows them. */
export function fromZod(error: z.ZodError, base: (string | number)[], schema?: z.ZodType): FaultIssue[] {
  const out: FaultIssue[] = [];
  for (const issue of error.issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      const allowed = schema ? keysAt(schema, issue.path as (string | number)[]) : undefined;
      for (const key of issue.keys) {
        const suggestion = allowed ? didYouMean(key, allowed) : undefined;
        out.push({
          code: 'FAULT_UNKNOWN_KEY',
          path: [...path, key],
          message: `unknown key "${key}"${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
          ...(allowed ? { allowed } : {}),
          ...(suggestion ? { suggestion } : {}),
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      // A value-or-list field (when.endpoint): the deepest enum miss says which values are allowed.
      const miss = issue.errors.flat().filter((i) => i.code === 'invalid_value').sort((a, b) => b.path.length - a.path.length)[0];
      if (miss?.code === 'invalid_value') {
        out.push({ code: 'FAULT_INVALID_VALUE', path: [...path, ...(miss.path as (string | number)[])], message: miss.message, allowed: miss.values.map(String) });
        continue;
      }
    }
    if (issue.code === 'invalid_value') {
      const allowed = issue.values.map(String);
      out.push({ code: 'FAULT_INVALID_VALUE', path, message: issue.message, allowed });
      continue;
    }
    out.push({ code: 'FAULT_INVALID_PARAM', path, message: issue.message });
  }
  return out;
}

/** The keys an object schema allows at `path`, found by walking the schema (zod 4 does not say). */
export function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] | undefined {
  let node: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!node) return undefined;
    if (node instanceof z.ZodObject) node = unwrap(node.shape[segment as string] as z.ZodType | undefined);
    else if (node instanceof z.ZodArray) node = unwrap(node.element as z.ZodType);
    else return undefined;
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : undefined;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let node = schema;
  for (let i = 0; i < 10 && node; i++) {
    if (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable) node = node.unwrap() as z.ZodType;
    else if (node instanceof z.ZodPipe) node = node.in as z.ZodType;
    else break;
  }
  return node;
}
