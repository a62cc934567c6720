import { isAbsolute, relative, sep } from 'node:path';

/** How files are named in issues and reports: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  // Another drive on Windows has no relative path.
  const shown = rel === '' ? '.' : isAbsolute(rel) ? file : rel;
  return shown.split(sep).join('/');
}
