import type { Issue, Path, PathIssue } from './issues.js';

/** A config or scenario read from a file, able to say where any path in it is written. */
export interface ParsedSource {
  /** The plain value; undefined when the file could not be read or parsed. */
  value: unknown;
  /** Problems reading or parsing the file itself. */
  issues: Issue[];
  /** Where the node at `path` starts (or the nearest enclosing node that exists). */
  position(path: Path): { line: number; column: number };
  /** The issue placed in the file. */
  place(issue: PathIssue): Issue;
}

/**
 * A value with no source text behind it (a .ts config's default export): every issue keeps its
 * path and points at the top of the file.
 */
export function unpositionedSource(value: unknown, file: string, issues: Issue[] = []): ParsedSource {
  return {
    value,
    issues,
    position: () => ({ line: 1, column: 1 }),
    place: ({ at: _at, path, ...rest }) => ({ ...rest, file, line: 1, column: 1, path: path.join('.') }),
  };
}
