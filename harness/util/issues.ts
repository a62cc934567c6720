import { AuthfaultError } from '../../mock-provider/common.js';

/**
 * One problem with a scenario file or a target config, positioned so a person can go straight
 * to it. Loaders collect every issue before failing (k6 validates the whole script at once).
 */
export interface Issue {
  /** Stable and machine-readable (UNKNOWN_KEY, FAULT_UNKNOWN_KIND, …); the message may improve. */
  code: string;
  /** Relative to the working directory, with forward slashes. */
  file: string;
  /** 1-based; 0 when the issue is about the file as a whole (it is missing, say). */
  line: number;
  /** 1-based; 0 together with line. */
  column: number;
  /** Dotted path to the offending value (`faults.0.kind`); empty for the document itself. */
  path: string;
  message: string;
  /** What would have been accepted, in words (`a string`, `one of …`). */
  expected?: string;
  allowed?: string[];
  suggestion?: string;
}

/** A path into a parsed document, as zod and parseFault report it. */
export type Path = readonly (string | number)[];

/**
 * An issue found while decoding a value, before it is placed in a file. `at: 'key'` points at
 * the key of the pair rather than its value (an unknown key is wrong where it is written).
 */
export interface PathIssue extends Omit<Issue, 'file' | 'line' | 'column' | 'path'> {
  path: Path;
  at?: 'key';
}

/** `file:line:col path: message (allowed: …)`, one line. */
export function formatIssue(issue: Issue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const path = issue.path ? ` ${issue.path}:` : '';
  return `${where}${path} ${issue.message}${allowedText(issue.allowed)}`;
}

/** Long lists (every fault kind) would bury the message; past a dozen the message says where to look. */
const MAX_LISTED = 12;

function allowedText(allowed: readonly string[] | undefined): string {
  if (!allowed || allowed.length === 0) return '';
  if (allowed.length > MAX_LISTED) return '';
  return ` (allowed: ${allowed.join(', ')})`;
}

/** Every issue on its own line, then how many there are and in how many files. */
export function formatIssues(issues: readonly Issue[]): string {
  const files = new Set(issues.map((i) => i.file)).size;
  const count = `${plural(issues.length, 'issue')} in ${plural(files, 'file')}`;
  return [...issues.map(formatIssue), count].join('\n');
}

/** Sorted by file, then position, so output is stable whatever order the checks ran in. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export type InvalidInputCode = 'AUTHFAULT_SCENARIO_INVALID' | 'AUTHFAULT_CONFIG_INVALID';

const SUBJECT: Record<InvalidInputCode, string> = {
  AUTHFAULT_SCENARIO_INVALID: 'scenario files are invalid',
  AUTHFAULT_CONFIG_INVALID: 'the target config is invalid',
};

/**
 * One AuthfaultError carrying every issue (as `details`); the CLI maps both codes to exit code 2
 * (bad input or configuration).
 */
export function invalidInput(code: InvalidInputCode, issues: readonly Issue[]): AuthfaultError {
  return new AuthfaultError(code, `${SUBJECT[code]}:\n${formatIssues(issues)}`, issues);
}

/** Throws invalidInput(code, issues) when there are any issues. */
export function throwIfIssues(code: InvalidInputCode, issues: readonly Issue[]): void {
  if (issues.length > 0) throw invalidInput(code, issues);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
