import { AuthfaultError, formatIssue, type Issue as PathIssue, type Path } from '../../mock-provider/basics.js';

/** A path into a parsed document, and an issue found while decoding a value, before it is placed in a file. */
export type { Path, PathIssue };
/** The one formatter, shared with the provider: `file:line:col path: message (allowed: …)`. */
export { formatIssue };

/**
 * One problem with a scenario file or a target config, positioned so a person can go straight
 * to it. Loaders collect every issue before failing (k6 validates the whole script at once).
 */
export interface Issue extends Omit<PathIssue, 'path' | 'at'> {
  /** Relative to the working directory, with forward slashes. */
  file: string;
  /** 1-based; 0 when the issue is about the file as a whole (it is missing, say). */
  line: number;
  /** 1-based; 0 together with line. */
  column: number;
  /** Dotted path to the offending value (`faults.0.kind`); empty for the document itself. */
  path: string;
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
