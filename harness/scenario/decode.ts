import { parseFault, type FaultIssue, type FaultSpec } from '../../mock-provider/index.js';
import { didYouMean } from '../../mock-provider/util/did-you-mean.js';
import type { Path, PathIssue } from '../util/issues.js';
import { issuesFromZod } from '../util/zod-issues.js';
import { IDP_EXPECTATION_NOUN, IDP_EXPECTATIONS } from './idp-expectations.js';
import { scenarioOutlineSchema, scenarioSchema } from './schema.js';
import { decodeSingleKey, type ItemNoun, type SingleKeyTable } from './single-key.js';
import { STEP_NOUN, STEPS } from './steps.js';
import type { IdpExpectation, Loc, Scenario, Step } from './types.js';

/** Omit that keeps a union a union. */
type Unlocated<T> = T extends unknown ? Omit<T, 'loc'> : never;

export interface DecodeContext {
  /** Page names of the target config; when given, `visit` steps are checked against them. */
  pages?: readonly string[];
}

export interface ScenarioSource {
  /** Relative to the working directory, with forward slashes. */
  file: string;
  position(path: Path): { line: number; column: number };
}

/**
 * A parsed scenario document into the runner's model. The outline and every fault, step and
 * expectation are decoded independently, so one bad part never hides the issues of another.
 */
export function decodeScenario(raw: unknown, source: ScenarioSource, context: DecodeContext = {}): { scenario?: Scenario; issues: PathIssue[] } {
  const loc = (path: Path): Loc => ({ file: source.file, ...source.position(path) });
  const issues: PathIssue[] = [];
  const outline = scenarioOutlineSchema.safeParse(raw);
  // keysAt reads allowed keys from the complete schema: the outline has the same ones.
  if (!outline.success) issues.push(...issuesFromZod(outline.error, scenarioSchema, raw));

  const doc = isRecord(raw) ? raw : {};
  const faults: FaultSpec[] = [];
  listAt(doc, 'faults').forEach((item, i) => {
    const parsed = parseFault(item, ['faults', i]);
    if (parsed.ok) faults.push(parsed.fault);
    else issues.push(...parsed.issues.map(fromFaultIssue));
  });

  const steps = decodeList<Unlocated<Step>>(listAt(doc, 'steps'), STEPS, ['steps'], STEP_NOUN, issues);
  const { pages } = context;
  if (pages) issues.push(...steps.flatMap(({ value, path }) => unknownPage(value, path, pages)));
  const expect = isRecord(doc.expect) ? doc.expect : {};
  const idp = decodeList<Unlocated<IdpExpectation>>(listAt(expect, 'idp'), IDP_EXPECTATIONS, ['expect', 'idp'], IDP_EXPECTATION_NOUN, issues);

  if (!outline.success || issues.length > 0) return { issues };
  const data = outline.data;
  return {
    issues,
    scenario: {
      id: data.id,
      title: data.title,
      category: data.category,
      severity: data.severity,
      references: data.references,
      ...(data.description !== undefined ? { description: data.description } : {}),
      faults,
      steps: steps.map(({ value, path }) => ({ ...value, loc: loc(path) })),
      expect: {
        ...(data.expect.app !== undefined ? { app: data.expect.app } : {}),
        idp: idp.map(({ value, path }) => ({ ...value, loc: loc(path) })),
      },
      file: source.file,
      loc: loc([]),
    },
  };
}

function decodeList<Out>(items: unknown[], table: SingleKeyTable<Out>, base: Path, noun: ItemNoun, issues: PathIssue[]) {
  const out: { value: Out; path: Path }[] = [];
  items.forEach((item, i) => {
    const path = [...base, i];
    const decoded = decodeSingleKey(item, table, path, noun);
    if (decoded.ok) out.push({ value: decoded.value, path });
    else issues.push(...decoded.issues);
  });
  return out;
}

function unknownPage(step: Unlocated<Step>, path: Path, pages: readonly string[]): PathIssue[] {
  if (step.type !== 'visit' || pages.includes(step.page)) return [];
  const suggestion = didYouMean(step.page, pages);
  const message =
    pages.length === 0
      ? `no page "${step.page}": the target config names no pages; add it under pages:`
      : `no page "${step.page}" under pages: in the target config${suggestion ? ` — did you mean "${suggestion}"?` : ''}`;
  return [{ code: 'UNKNOWN_PAGE', path: [...path, 'visit'], message, allowed: [...pages], ...(suggestion ? { suggestion } : {}) }];
}

/** parseFault's issues, placed like ours: an unknown key where the key is written. */
function fromFaultIssue({ path, ...rest }: FaultIssue): PathIssue {
  return { ...rest, path, ...(rest.code === 'FAULT_UNKNOWN_KEY' ? { at: 'key' as const } : {}) };
}

function listAt(record: Record<string, unknown>, key: string): unknown[] {
  const value = record[key];
  return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
