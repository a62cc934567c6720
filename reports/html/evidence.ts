import { stat, readFile } from 'node:fs/promises';
import { extname, relative, resolve, sep } from 'node:path';
import type { Evidence } from '../model.js';

/**
 * A scenario's files as the page shows them. The choice, and why:
 * - screenshots are embedded as data: URIs: a failure's screenshot is what a reader looks at
 *   first, and an embedded one survives the report being uploaded, mailed or opened from a CI
 *   artefact viewer on its own (they are small PNGs, taken on failure only);
 * - traces are linked by a path relative to index.html: they are zip files for
 *   `npx playwright show-trace`, not for the browser, and ten times a screenshot's size;
 * - the app log is linked the same way. Links work when the report folder is opened as a whole.
 */
export interface PageEvidence {
  /** `link` is the file's path from the report folder, shown beside an embedded screenshot. */
  screenshot?: { dataUri: string; link: string } | { link: string } | { missing: string };
  trace?: { link: string; exists: boolean };
  appLog?: { link: string; exists: boolean };
}

/** Larger screenshots (full-page captures of long pages) are linked instead of bloating the page. */
export const MAX_INLINE_SCREENSHOT_BYTES = 2 * 1024 * 1024;

const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

export async function loadEvidence(evidence: Evidence, dirs: { cwd: string; outputDir: string }): Promise<PageEvidence> {
  const page: PageEvidence = {};
  if (evidence.screenshot) page.screenshot = await screenshot(evidence.screenshot, dirs);
  if (evidence.trace) page.trace = await linked(evidence.trace, dirs);
  if (evidence.appLog) page.appLog = await linked(evidence.appLog, dirs);
  return page;
}

async function screenshot(path: string, dirs: { cwd: string; outputDir: string }): Promise<NonNullable<PageEvidence['screenshot']>> {
  const file = resolve(dirs.cwd, path);
  const type = IMAGE_TYPES[extname(file).toLowerCase()];
  const size = await stat(file).then((s) => s.size, () => undefined);
  if (size === undefined) return { missing: path };
  if (!type || size > MAX_INLINE_SCREENSHOT_BYTES) return { link: linkFrom(dirs.outputDir, file) };
  return { dataUri: `data:${type};base64,${(await readFile(file)).toString('base64')}`, link: linkFrom(dirs.outputDir, file) };
}

async function linked(path: string, dirs: { cwd: string; outputDir: string }): Promise<{ link: string; exists: boolean }> {
  const file = resolve(dirs.cwd, path);
  const exists = await stat(file).then(() => true, () => false);
  return { link: linkFrom(dirs.outputDir, file), exists };
}

/** A path from the report folder, with forward slashes on every platform (it becomes a URL). */
export function linkFrom(outputDir: string, file: string): string {
  return relative(outputDir, file).split(sep).join('/');
}
