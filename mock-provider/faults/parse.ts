import { z } from 'zod';
import { didYouMean } from '../util/did-you-mean.js';
import type { Issue } from '../util/issues.js';
import { issuesFromZod } from '../util/zod-issues.js';
import { whenSchema } from './envelope.js';
import { getKind, kindNames } from './registry.js';
import type { FaultSpec, InjectionPoint, When } from './types.js';

/** One problem with a fault, positioned by its path inside the object that was decoded (codes FAULT_*). */
export type FaultIssue = Issue;

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
  if (!envelope.success) issues.push(...issuesFromZod(envelope.error, whenSchema, when, [...base, 'when']).map(asFaultIssue));

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
    issues.push(...issuesFromZod(parsed.error, keys, params, base).map(asFaultIssue));
  }

  const w = (envelope.success ? envelope.data : undefined) ?? {};
  const unsupported = (w.endpoint ?? []).filter((p) => !def.points.includes(p));
  if (unsupported.length > 0) {
    issues.push({
      code: 'FAULT_POINT_UNSUPPORTED',
      path: [...base, 'when', 'endpoint'],
      message: `${kind} cannot apply at ${unsupported.join(', ')}`,
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
    return [{ code: 'FAULT_POINT_UNSUPPORTED', path: [...base, 'when', 'route'], message: `route scopes a fault to calls of the mock API, but ${kind} cannot apply at api`, allowed: [...supported] }];
  }
  if (endpoint && !endpoint.includes('api')) {
    return [{ code: 'FAULT_PARAMS_CONFLICT', path: [...base, 'when', 'route'], message: `route only matches calls of the mock API, so when.endpoint must include api (it is ${endpoint.join(', ')})` }];
  }
  return [];
}

function fail(...issues: FaultIssue[]): ParseResult {
  return { ok: false, issues };
}

/** The translator's codes for fault parameters and envelope, as the control API has always named them. */
function asFaultIssue(issue: Issue): FaultIssue {
  const code = issue.code === 'UNKNOWN_KEY' ? 'FAULT_UNKNOWN_KEY' : issue.code === 'INVALID_VALUE' ? 'FAULT_INVALID_VALUE' : 'FAULT_INVALID_PARAM';
  return { ...issue, code };
}
