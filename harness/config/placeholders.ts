import { didYouMean } from '../../mock-provider/basics.js';
import type { Issue, Path } from '../util/issues.js';
import { throwIfIssues } from '../util/issues.js';

/**
 * `{name}` placeholders in the target config, filled per worker once its ports are known.
 *
 * - A name is dotted lowercase words: `{issuer}`, `{client.id}`.
 * - `{{` is a literal `{`; a lone `}` is literal already.
 * - Any other `{` is an error rather than text: a half-written placeholder left in a command or a
 *   redirect URI fails far from where it was written.
 * - Only the fields of TEMPLATED are filled, each with the names it may use; every other string is
 *   passed as written (a mock API route's `{sub}` is the API's own, filled per call). The loader
 *   checks exactly these fields with exactly these names, so a config `authfault validate` accepts
 *   never fails to fill at run time.
 */

/** What the harness provides to every templated string. */
export const PLACEHOLDERS = ['issuer', 'client.id', 'client.secret', 'redirect_uri', 'port', 'app', 'api', 'ca.path', 'idp.origin', 'admin'] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

/**
 * Known before the provider starts: its clients are registered with the app's callback, so their
 * URIs can name the app but nothing of the provider's (its issuer is not known yet).
 */
const BEFORE_PROVIDER = ['port', 'app'] as const satisfies readonly PlaceholderName[];

/** A templated field: its path in the file (`*`: every key or item) and the names it may use. */
export interface TemplatedField {
  path: readonly string[];
  allowed: readonly PlaceholderName[];
}

export const TEMPLATED: readonly TemplatedField[] = [
  { path: ['target', 'command'], allowed: PLACEHOLDERS },
  { path: ['target', 'env', '*'], allowed: PLACEHOLDERS },
  { path: ['target', 'ready'], allowed: PLACEHOLDERS },
  { path: ['target', 'ready', 'url'], allowed: PLACEHOLDERS },
  { path: ['login', 'url'], allowed: PLACEHOLDERS },
  { path: ['logout', 'url'], allowed: PLACEHOLDERS },
  { path: ['pages', '*'], allowed: PLACEHOLDERS },
  { path: ['provider', 'clients', '*', 'redirect_uris', '*'], allowed: BEFORE_PROVIDER },
  { path: ['provider', 'clients', '*', 'post_logout_redirect_uris', '*'], allowed: BEFORE_PROVIDER },
];

export interface TemplateWhere {
  file: string;
  /** Dotted path of the templated value. */
  path: string;
  /** Defaults to 1:1 when the value has no known position (a .ts config, say). */
  line?: number;
  column?: number;
}

const TOKEN = /\{\{|\{([^{}]*)\}|\{/g;
const NAME = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$/;

/** Replace every placeholder; throws AUTHFAULT_CONFIG_INVALID naming each unknown one. */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>, where: TemplateWhere): string {
  const { text, issues } = expand(template, Object.keys(values), where, (name) => values[name]!);
  throwIfIssues('AUTHFAULT_CONFIG_INVALID', issues);
  return text;
}

/** The issues of one template against the names allowed. */
export function placeholderIssues(template: string, allowed: readonly string[], where: TemplateWhere): Issue[] {
  return expand(template, allowed, where, () => '').issues;
}

type Position = (path: Path) => { line: number; column: number };

/**
 * Every templated string of a config as written (before it is validated or resolved, so the
 * loader reports these with every other issue), checked against the names its field may use.
 * The templated keys have the same names in the file and in TargetConfig, so it serves a loaded
 * config too. `position` places each issue at its value in the file; without it, at 1:1.
 */
export function placeholderIssuesIn(config: unknown, file: string, position?: Position): Issue[] {
  return templatedStrings(config).flatMap(({ path, value, allowed }) =>
    placeholderIssues(value, allowed, { file, path: path.join('.'), ...position?.(path) }).map((issue) => notYetKnown(issue, allowed)),
  );
}

/**
 * `subtree` (the part of the config at `at`, e.g. ['provider']) with its templated strings filled;
 * every other string as it was. `values` must hold every name the fields allow, as the loader
 * checked them; a name missing from it is an AUTHFAULT_CONFIG_INVALID at the field's path.
 */
export function fillTemplated<T>(subtree: T, at: readonly string[], values: Readonly<Record<string, string>>, file: string): T {
  const fields = TEMPLATED.filter((f) => at.every((segment, i) => f.path[i] === segment)).map((f) => ({ ...f, path: f.path.slice(at.length) }));
  return fillAt(subtree, fields, [...at], values, file) as T;
}

function fillAt(node: unknown, fields: readonly TemplatedField[], path: string[], values: Readonly<Record<string, string>>, file: string): unknown {
  if (typeof node === 'string') return fields.some((f) => f.path.length === 0) ? fillPlaceholders(node, values, { file, path: path.join('.') }) : node;
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).map(([key, value]) => {
    const below = fields.filter((f) => f.path.length > 0 && (f.path[0] === '*' || f.path[0] === key)).map((f) => ({ ...f, path: f.path.slice(1) }));
    return [key, below.length > 0 ? fillAt(value, below, [...path, key], values, file) : value] as const;
  });
  return Array.isArray(node) ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}

/** Each templated string of a config (or of `{ provider }`), with its path and the names its field allows. */
export function templatedStrings(config: unknown): { path: Path; value: string; allowed: readonly PlaceholderName[] }[] {
  return TEMPLATED.flatMap((field) => stringsAt(config, field.path, []).map((found) => ({ ...found, allowed: field.allowed })));
}

function stringsAt(node: unknown, pattern: readonly string[], path: (string | number)[]): { path: Path; value: string }[] {
  if (pattern.length === 0) return typeof node === 'string' ? [{ path, value: node }] : [];
  if (typeof node !== 'object' || node === null) return [];
  const [head, ...rest] = pattern as [string, ...string[]];
  const keys = head === '*' ? Object.keys(node) : [head];
  return keys.flatMap((key) => {
    const segment = Array.isArray(node) ? Number(key) : key;
    return stringsAt((node as Record<string, unknown>)[key], rest, [...path, segment]);
  });
}

/** A name the harness does provide, but not yet where it is written: say when it becomes known. */
function notYetKnown(issue: Issue, allowed: readonly PlaceholderName[]): Issue {
  const name = /^unknown placeholder "\{([^}]*)\}"/.exec(issue.message)?.[1];
  if (issue.code !== 'UNKNOWN_PLACEHOLDER' || name === undefined || !(PLACEHOLDERS as readonly string[]).includes(name)) return issue;
  const { suggestion: _s, ...rest } = issue;
  return {
    ...rest,
    code: 'PLACEHOLDER_NOT_HERE',
    message: `"{${name}}" is not known here: the provider's clients are registered before the provider starts, so a redirect URI can name the app (${allowed.map((a) => `{${a}}`).join(', ')}) but nothing of the provider's`,
  };
}

function expand(template: string, allowed: readonly string[], where: TemplateWhere, value: (name: string) => string) {
  const issues: Issue[] = [];
  const issue = (code: string, message: string, extra: Partial<Issue> = {}) =>
    issues.push({ code, file: where.file, line: where.line ?? 1, column: where.column ?? 1, path: where.path, message, ...extra });
  const text = template.replace(TOKEN, (token, name: string | undefined, offset: number) => {
    if (token === '{{') return '{';
    if (name === undefined) {
      const opened = /^\{[^{]{0,30}/.exec(template.slice(offset))![0];
      issue('INVALID_PLACEHOLDER', `"${opened}" has no closing "}"; write "{{" for a literal brace`);
      return token;
    }
    if (!NAME.test(name)) {
      issue('INVALID_PLACEHOLDER', `"${token}" is not a placeholder; write "{{" for a literal brace`);
      return token;
    }
    if (!allowed.includes(name)) {
      const suggestion = didYouMean(name, allowed);
      issue('UNKNOWN_PLACEHOLDER', `unknown placeholder "{${name}}"${suggestion ? ` — did you mean "{${suggestion}}"?` : ''}`, {
        allowed: allowed.map((a) => `{${a}}`),
        ...(suggestion ? { suggestion: `{${suggestion}}` } : {}),
      });
      return token;
    }
    return value(name);
  });
  return { text, issues };
}
