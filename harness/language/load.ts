import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { displayPath } from '../util/display-path.js';
import { sortIssues, type Issue } from '../util/issues.js';
import { parseYaml } from '../util/yaml-source.js';
import { decodeScenario, type DecodeContext } from './decode.js';
import { findScenarioFiles } from './find-files.js';
import type { Loc, Scenario } from '../scenario/types.js';

export type ScenarioLoadOptions = DecodeContext;

export interface ScenarioFileResult {
  /** Present only when the file has no issues. */
  scenario?: Scenario;
  issues: Issue[];
  /** What does not stop the scenario from loading but will skip it (a page the config lacks). */
  warnings: Issue[];
}

export interface ScenariosResult {
  scenarios: Scenario[];
  /** Every issue of every file, sorted by file and position. */
  issues: Issue[];
  /** Every warning of every file, sorted the same way: scenarios that will be skipped, and why. */
  warnings: Issue[];
}

/**
 * Load every scenario under `paths` (files or folders) and report all issues of all files at
 * once: YAML syntax, schema, faults, unknown pages, and ids used by more than one file.
 */
export async function loadScenarios(paths: readonly string[], cwd: string, options: ScenarioLoadOptions = {}): Promise<ScenariosResult> {
  const found = await findScenarioFiles(paths, cwd);
  const loaded = await Promise.all(found.files.map((file) => loadOne(file, cwd, options)));
  const issues = [...found.issues, ...loaded.flatMap((l) => l.issues), ...duplicateIds(loaded)];
  return {
    scenarios: loaded.flatMap((l) => (l.scenario ? [l.scenario] : [])),
    issues: sortIssues(issues),
    warnings: sortIssues(loaded.flatMap((l) => l.warnings)),
  };
}

/** One scenario file; `cwd` (default: the process's) is what issue and scenario paths are relative to. */
export async function loadScenarioFile(file: string, options: ScenarioLoadOptions & { cwd?: string } = {}): Promise<ScenarioFileResult> {
  const cwd = options.cwd ?? process.cwd();
  const { scenario, issues, warnings } = await loadOne(resolve(cwd, file), cwd, options);
  return { ...(scenario ? { scenario } : {}), issues: sortIssues(issues), warnings: sortIssues(warnings) };
}

interface Loaded extends ScenarioFileResult {
  /** The id as written, even in a file with other issues, so duplicates are found regardless. */
  id?: { value: string; loc: Loc };
}

async function loadOne(path: string, cwd: string, options: ScenarioLoadOptions): Promise<Loaded> {
  const file = displayPath(path, cwd);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { issues: [{ code: 'FILE_UNREADABLE', file, line: 0, column: 0, path: '', message: `cannot read the file: ${(error as Error).message}` }], warnings: [] };
  }
  const source = parseYaml(text, file);
  if (source.issues.length > 0) return { issues: source.issues, warnings: [] };
  if (source.value === null || source.value === undefined) {
    return { issues: [{ code: 'EMPTY_DOCUMENT', file, line: 1, column: 1, path: '', message: 'the file is empty; a scenario needs id, title, category, severity, steps and expect' }], warnings: [] };
  }
  const decoded = decodeScenario(source.value, { file, position: source.position }, options);
  const issues = decoded.issues.map(source.place);
  const warnings = decoded.warnings.map(source.place);
  const rawId = (source.value as { id?: unknown }).id;
  return {
    ...(decoded.scenario ? { scenario: decoded.scenario } : {}),
    issues,
    warnings,
    ...(typeof rawId === 'string' ? { id: { value: rawId, loc: { file, ...source.position(['id']) } } } : {}),
  };
}

function duplicateIds(loaded: readonly Loaded[]): Issue[] {
  const byId = new Map<string, Loc[]>();
  for (const { id } of loaded) if (id) byId.set(id.value, [...(byId.get(id.value) ?? []), id.loc]);
  return [...byId.entries()].flatMap(([id, locs]) =>
    locs.length < 2
      ? []
      : locs.map((loc) => ({
          code: 'DUPLICATE_ID',
          ...loc,
          path: 'id',
          message: `duplicate scenario id "${id}", also used at ${locs.filter((other) => other !== loc).map(formatLoc).join(', ')}; ids must be unique`,
        })),
  );
}

function formatLoc(loc: Loc): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}
