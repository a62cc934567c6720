import { didYouMean } from '../../mock-provider/util/did-you-mean.js';
import type { Issue, Path } from '../util/issues.js';
import { throwIfIssues } from '../util/issues.js';
import type { TargetConfig } from './types.js';

/**
 * `{name}` placeholders in the target config, filled per worker once its ports are known.
 *
 * - A name is dotted lowercase words: `{issuer}`, `{client.id}`.
 * - `{{` is a literal `{`; a lone `}` is literal already.
 * - Any other `{` is an error rather than text: a half-written placeholder left in a command or a
 *   redirect URI fails far from where it was written.
 */

/** What the harness provides to every templated string. */
export const PLACEHOLDERS = ['issuer', 'client.id', 'client.secret', 'redirect_uri', 'port', 'app', 'api', 'ca.path', 'idp.origin', 'admin'] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

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

/** Where the harness fills placeholders, as paths in the file (`*`: every key or item). */
const TEMPLATED: readonly (readonly string[])[] = [
  ['target', 'command'],
  ['target', 'env', '*'],
  ['target', 'ready'],
  ['target', 'ready', 'url'],
  ['login', 'url'],
  ['logout', 'url'],
  ['pages', '*'],
  ['provider', 'clients', '*', 'redirect_uris', '*'],
  ['provider', 'clients', '*', 'post_logout_redirect_uris', '*'],
];

type Position = (path: Path) => { line: number; column: number };

/**
 * Check every templated string of a loaded config without running anything (`authfault
 * validate`). `position` places each issue at its value in the file; without it, at 1:1.
 */
export function validatePlaceholders(config: TargetConfig, position?: Position): Issue[] {
  return placeholderIssuesIn(config, config.file, position);
}

/**
 * The same check on a config as written, before it is validated or resolved, so the loader
 * reports placeholder issues together with every other issue. The templated keys have the same
 * names in the file and in TargetConfig, which is why one table serves both.
 */
export function placeholderIssuesIn(config: unknown, file: string, position?: Position): Issue[] {
  return TEMPLATED.flatMap((pattern) => stringsAt(config, pattern, [])).flatMap(({ path, value }) =>
    placeholderIssues(value, PLACEHOLDERS, { file, path: path.join('.'), ...position?.(path) }),
  );
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
