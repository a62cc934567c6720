/** A path into a decoded value: keys and list indexes, as zod reports them. */
export type Path = readonly (string | number)[];

/**
 * One problem with a value a person wrote (a fault, a config, a user, a scenario), positioned by
 * its path inside what was decoded. Decoders collect every issue before failing.
 */
export interface Issue {
  /** Stable and machine-readable (UNKNOWN_KEY, FAULT_UNKNOWN_KIND, …); the message may improve. */
  code: string;
  path: Path;
  message: string;
  /** What would have been accepted, in words (`a string`, `one of …`). */
  expected?: string;
  allowed?: string[];
  suggestion?: string;
  /** Points at the key of the pair rather than its value: an unknown key is wrong where it is written. */
  at?: 'key';
}

/** Long lists (every fault kind, every endpoint) would bury the message; past sixteen the message says where to look. */
export const MAX_LISTED = 16;

/** What formatIssue reads: an issue with its path, and where it is written when that is known. */
export interface FormattableIssue {
  path: Path | string;
  message: string;
  allowed?: readonly string[];
  /** The file, relative to the working directory; with line and column when known (1-based, 0: the whole file). */
  file?: string;
  line?: number;
  column?: number;
}

/**
 * One line for a person: `file:line:col path: message (allowed: …)`; what the issue does not have
 * (a file, a position, a path, allowed values) is left out.
 */
export function formatIssue(issue: FormattableIssue): string {
  const where = issue.file === undefined ? '' : issue.line ? `${issue.file}:${issue.line}:${issue.column} ` : `${issue.file} `;
  const path = typeof issue.path === 'string' ? issue.path : issue.path.join('.');
  return `${where}${path ? `${path}: ` : ''}${issue.message}${allowedText(issue.allowed)}`;
}

/** The issues of one decoded value in one line, for an error message: `a: …; b.0: …`. */
export function issuesInOneLine(issues: readonly FormattableIssue[]): string {
  return issues.map(formatIssue).join('; ');
}

function allowedText(allowed: readonly string[] | undefined): string {
  if (!allowed || allowed.length === 0 || allowed.length > MAX_LISTED) return '';
  return ` (allowed: ${allowed.join(', ')})`;
}
