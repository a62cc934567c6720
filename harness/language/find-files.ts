import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Issue } from '../util/issues.js';
import { displayPath } from '../util/display-path.js';

const SCENARIO_FILE = /\.ya?ml$/;

/**
 * The scenario files named by `paths` (files, or folders searched recursively for *.yaml and
 * *.yml), absolute and sorted so runs and reports list them in a stable order. Dotfiles and
 * dot-folders are skipped: editors and tools keep their own YAML there. A file named
 * explicitly is taken whatever its extension.
 */
export async function findScenarioFiles(paths: readonly string[], cwd: string): Promise<{ files: string[]; issues: Issue[] }> {
  const files = new Set<string>();
  const issues: Issue[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      issues.push(noPosition('PATH_NOT_FOUND', displayPath(path, cwd), 'no such file or folder'));
    } else if (info.isDirectory()) {
      const found = (await readdir(path, { recursive: true }))
        .filter((rel) => SCENARIO_FILE.test(rel) && !rel.split(/[\\/]/).some((part) => part.startsWith('.')))
        .map((rel) => join(path, rel));
      // A folder without scenarios would otherwise make a run that checks nothing and passes.
      if (found.length === 0) issues.push(noPosition('NO_SCENARIO_FILES', displayPath(path, cwd), 'no *.yaml or *.yml scenario files in this folder'));
      for (const file of found) files.add(file);
    } else {
      files.add(path);
    }
  }
  return { files: [...files].sort(), issues };
}

function noPosition(code: string, file: string, message: string): Issue {
  return { code, file, line: 0, column: 0, path: '', message };
}
