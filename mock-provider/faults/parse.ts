import { z } from 'zod';
import { didYouMean } from '../util/did-you-mean.js';
import type { Issue } from '../util/issues.js';
import { issuesFromZod } from '../util/zod-issues.js';
import { whenSchema } from './envelope.js';
import type { FaultSpec } from './fault-input.js';
import { pointsOf } from './points.js';
import { getKind, kindNames } from './registry.js';
import type { AnyFaultKind, InjectionPoint, When } from './types.js';

/** One problem with a fault, positioned by its path inside the object that was decoded (codes FAULT_*). */
export type FaultIssue = Issue;

export type ParseResult = { ok: true; fault: FaultSpec } | { ok: false; issues: FaultIssue[] };

/** A decoded fault with the kind that decoded it, so nothing looks the kind up again. */
export type Decoded = { ok: true; fault: FaultSpec; def: AnyFaultKind } | { ok: false; issues: FaultIssue[] };

/**
 * Decode a fault in two steps: the envelope first, then the kind's parameters after the registry
 * lookup. Every problem is reported at once, each with the path to it.
 */
export function parseFault(raw: unknown, base: (string | number)[] = []): ParseResult {
  const decoded = decodeFault(raw, base);
  return decoded.ok ? { ok: true, fault: decoded.fault } : decoded;
}

/**
 * parseFault, keeping the kind. Takes a fault as written (`{ kind, …params, when }`) or as decoded
 * (`{ kind, params, when }`, what parseFault and GET /faults give: no kind has a parameter named
 * `params`), so a decoded fault is handed on as it is, never written back into the other shape.
 */
export function decodeFault(raw: unknown, base: (string | number)[] = []): Decoded {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail({ code: 'FAULT_NOT_OBJECT', path: base, message: 'a fault must be a mapping with at least `kind`' });
  }
  const spec = isDecodedShape(raw);
  const { kind, when, ...rest } = raw as Record<string, unknown>;
  const params = spec ? rest.params : rest;
  const paramsBase = spec ? [...base, 'params'] : base;
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
    // Unknown keys of a written fault are judged against the parameters and the envelope together.
    const keys = !spec && def.params instanceof z.ZodObject ? def.params.extend({ kind: z.string(), when: z.unknown() }) : def.params;
    issues.push(...issuesFromZod(parsed.error, keys, params, paramsBase).map(asFaultIssue));
  }

  const w: When = (envelope.success ? envelope.data : undefined) ?? {};
  issues.push(...pointIssues(kind, def.points, w, base));
  if (issues.length > 0 || !parsed.success) return fail(...issues);
  for (const problem of def.check?.(parsed.data, w, pointsOf(w, def.defaultPoints)) ?? []) {
    issues.push({ code: 'FAULT_PARAMS_CONFLICT', path: [...base, ...problem.path], message: problem.message });
  }
  if (issues.length > 0) return fail(...issues);
  return { ok: true, fault: { kind, params: parsed.data as Record<string, unknown>, when: w }, def };
}

/** `{ kind, params: {…}, when }` and nothing else: a fault already decoded. */
function isDecodedShape(raw: object): boolean {
  const params = (raw as { params?: unknown }).params;
  return typeof params === 'object' && params !== null && !Array.isArray(params) && Object.keys(raw).every((k) => k === 'kind' || k === 'params' || k === 'when');
}

/**
 * The envelope against the kind: every point in `endpoint` must be one the kind supports, and a
 * route is a route of the mock API, so the kind must apply at `api` and `endpoint` (when given)
 * must include it.
 */
function pointIssues(kind: string, supported: readonly InjectionPoint[], when: When, base: (string | number)[]): FaultIssue[] {
  const unsupported = (when.endpoint ?? []).filter((p) => !supported.includes(p));
  const issues: FaultIssue[] =
    unsupported.length > 0 ? [{ code: 'FAULT_POINT_UNSUPPORTED', path: [...base, 'when', 'endpoint'], message: `${kind} cannot apply at ${unsupported.join(', ')}`, allowed: [...supported] }] : [];
  return when.route === undefined ? issues : [...issues, ...routeIssues(kind, supported, when.endpoint, base)];
}

function routeIssues(kind: string, supported: readonly InjectionPoint[], endpoint: readonly InjectionPoint[] | undefined, base: (string | number)[]): FaultIssue[] {
  if (!supported.includes('api')) {
    return [{ code: 'FAULT_POINT_UNSUPPORTED', path: [...base, 'when', 'route'], message: `route scopes a fault to calls of the mock API, but ${kind} cannot apply at api`, allowed: [...supported] }];
  }
  if (endpoint && !endpoint.includes('api')) {
    return [{ code: 'FAULT_PARAMS_CONFLICT', path: [...base, 'when', 'route'], message: `route only matches calls of the mock API, so when.endpoint must include api (it is ${endpoint.join(', ')})` }];
  }
  return [];
}

function fail(...issues: FaultIssue[]): { ok: false; issues: FaultIssue[] } {
  return { ok: false, issues };
}

/** The translator's codes for fault parameters and envelope, as the control API has always named them. */
function asFaultIssue(issue: Issue): FaultIssue {
  const code = issue.code === 'UNKNOWN_KEY' ? 'FAULT_UNKNOWN_KEY' : issue.code === 'INVALID_VALUE' ? 'FAULT_INVALID_VALUE' : 'FAULT_INVALID_PARAM';
  return { ...issue, code };
}
