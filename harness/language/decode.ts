import { didYouMean, issuesFromZod } from '../../mock-provider/common.js';
import type { TargetClicks } from '../config/target-clicks.js';
import { decodeScenarioFault, type ScenarioFault } from '../scenario/scenario-fault.js';
import { decodeSingleKey, type ItemNoun, type SingleKeyTable } from '../scenario/single-key.js';
import type { ExpectationModel, Loc, Scenario, StepModel } from '../scenario/types.js';
import { stepDefinition } from '../steps/index.js';
import type { Path, PathIssue } from '../util/issues.js';
import { APP_EXPECTATIONS, appExpectationDefinition } from '../verdict/app/index.js';
import { isRecoversWithin } from '../verdict/app/recovers-within.js';
import { idpExpectationDefinition } from '../verdict/idp/index.js';
import { browserNeeds } from './browser-needs.js';
import { IDP_ENTRIES, IDP_EXPECTATION_NOUN } from './expectations.js';
import { missingPages, needsPageMessage } from './pages.js';
import { scenarioOutlineSchema, scenarioSchema } from './schema.js';
import { STEP_ENTRIES, STEP_NOUN } from './steps.js';

/** Omit that keeps a union a union. */
type Unlocated<T> = T extends unknown ? Omit<T, 'loc'> : never;

export interface DecodeContext {
  /**
   * Page names of the target config; when given, `visit` steps are checked against them: a name
   * close to one of them is an error (a typo), any other a warning (the scenario is skipped).
   */
  pages?: readonly string[];
  /** Whether the target config signs in and out by clicking: a scenario with `driver: http` cannot then. */
  targetClicks?: TargetClicks;
}

export interface ScenarioSource {
  /** Relative to the working directory, with forward slashes. */
  file: string;
  position(path: Path): { line: number; column: number };
}

/**
 * A parsed scenario document into the runner's model. The outline and every fault, step and
 * expectation are decoded independently, so one bad part never hides the issues of another.
 * Warnings never stop a scenario from loading: they say why it will be skipped (pages.ts).
 */
export function decodeScenario(raw: unknown, source: ScenarioSource, context: DecodeContext = {}): { scenario?: Scenario; issues: PathIssue[]; warnings: PathIssue[] } {
  const loc = (path: Path): Loc => ({ file: source.file, ...source.position(path) });
  const issues: PathIssue[] = [];
  const outline = scenarioOutlineSchema.safeParse(raw);
  // keysAt reads allowed keys from the complete schema: the outline has the same ones.
  if (!outline.success) issues.push(...issuesFromZod(outline.error, scenarioSchema, raw));

  const doc = isRecord(raw) ? raw : {};
  const faults: ScenarioFault[] = [];
  listAt(doc, 'faults').forEach((item, i) => {
    const parsed = decodeScenarioFault(item, ['faults', i]);
    if (parsed.ok) faults.push(parsed.fault);
    else issues.push(...parsed.issues);
  });

  const steps = decodeList<Unlocated<StepModel>>(listAt(doc, 'steps'), STEP_ENTRIES, ['steps'], STEP_NOUN, issues);
  const { pages } = context;
  const pageIssues = pages ? unknownPages(steps, pages) : [];
  issues.push(...pageIssues.filter((i) => i.code === 'UNKNOWN_PAGE'));
  const warnings = pageIssues.filter((i) => i.code !== 'UNKNOWN_PAGE');
  const expect = isRecord(doc.expect) ? doc.expect : {};
  const idp = decodeList<Unlocated<ExpectationModel>>(listAt(expect, 'idp'), IDP_ENTRIES, ['expect', 'idp'], IDP_EXPECTATION_NOUN, issues);
  issues.push(...idp.flatMap(({ value, path }) => stepOutOfRange(value, path, steps.length)));

  if (!outline.success || issues.length > 0) return { issues, warnings };
  const app = appExpectations(expect);
  const recovery = app.find(({ value }) => isRecoversWithin(value));
  if (recovery) issues.push(...endlessFaults(faults, steps.map((s) => s.value), recovery.path));
  const data = outline.data;
  issues.push(...unknownSpecs([...app.map((a) => ({ ...a, key: [a.value.type] })), ...idp.map((i) => ({ ...i, key: [i.value.type] }))], data.spec));
  if (data.driver === 'http') issues.push(...httpDriverIssues(steps, app, context.targetClicks));
  if (issues.length > 0) return { issues, warnings };
  return {
    issues,
    warnings,
    scenario: {
      id: data.id,
      title: data.title,
      category: data.category,
      severity: data.severity,
      references: data.references,
      spec: data.spec,
      ...(data.requires.length > 0 ? { requires: data.requires } : {}),
      ...(data.description !== undefined ? { description: data.description } : {}),
      ...(data.why !== undefined ? { why: data.why } : {}),
      ...(data.driver !== undefined ? { driver: data.driver } : {}),
      ...(data['fresh-app'] ? { freshApp: true as const } : {}),
      faults,
      steps: steps.map(({ value, path }) => ({ ...value, loc: loc(path) })),
      expect: {
        app: app.map(({ value, path }) => ({ ...value, loc: loc(path) })),
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

/**
 * The browser's expectations in the order written (keys of `expect:` beside `idp:`), each built
 * by its table entry. Called once the outline has validated them.
 */
function appExpectations(expect: Record<string, unknown>): { value: Unlocated<ExpectationModel>; path: Path }[] {
  return Object.keys(expect)
    .filter((key) => Object.hasOwn(APP_EXPECTATIONS, key))
    .map((key) => {
      const definition = appExpectationDefinition({ type: key });
      return { value: { type: key, ...definition.model(definition.args.parse(expect[key])) }, path: ['expect', key] };
    });
}

/** `driver: http` with a step that needs a DOM: refused where the step is written. */
function httpDriverIssues(steps: readonly { value: Unlocated<StepModel>; path: Path }[], app: readonly { value: Unlocated<ExpectationModel>; path: Path }[], clicks: TargetClicks = { login: false, logout: false }): PathIssue[] {
  return browserNeeds(steps.map((s) => s.value), app.map((a) => a.value), clicks).map((need) => ({
    code: 'NEEDS_BROWSER',
    path: 'step' in need.where ? steps[need.where.step]!.path : app[need.where.expectation]!.path,
    message: `${need.message}; this scenario says driver: http (remove it, or set driver: browser)`,
    expected: 'a step the http driver can run',
  }));
}

/**
 * Pages the config lacks: a likely typo is an error (UNKNOWN_PAGE, with the suggestion); any other
 * name is a warning (PAGE_NOT_CONFIGURED): the runner skips the scenario with the same words.
 */
function unknownPages(steps: readonly { value: Unlocated<StepModel>; path: Path }[], pages: readonly string[]): PathIssue[] {
  return missingPages(steps.map((s) => s.value), pages).map(({ page, step, suggestion }) => {
    const { value, path } = steps[step]!;
    const at = [...path, value.type, ...(stepDefinition(value).page?.at ?? [])];
    if (suggestion) {
      return { code: 'UNKNOWN_PAGE', path: at, message: `no page "${page}" under pages: in the target config — did you mean "${suggestion}"?`, allowed: [...pages], suggestion };
    }
    const has = pages.length === 0 ? 'the target config names no pages' : `the target config names ${pages.map((p) => `"${p}"`).join(', ')}`;
    return { code: 'PAGE_NOT_CONFIGURED', path: at, message: `${needsPageMessage(page)} (${has}); the scenario is skipped against this config` };
  });
}

/** An expectation's `spec:` names one of the scenario's quoted sentences. */
function unknownSpecs(expectations: readonly { value: { spec?: string }; path: Path; key: Path }[], spec: Readonly<Record<string, unknown>>): PathIssue[] {
  const names = Object.keys(spec);
  return expectations.flatMap(({ value, path, key }) => {
    if (value.spec === undefined || Object.hasOwn(spec, value.spec)) return [];
    const suggestion = didYouMean(value.spec, names);
    const has = names.length === 0 ? 'the scenario quotes no sentence under spec:' : `the scenario's spec: names ${names.map((n) => `"${n}"`).join(', ')}`;
    return [
      {
        code: 'UNKNOWN_SPEC',
        // An app expectation sits at expect.<key>; an idp one at expect.idp.<i>, under its key.
        path: [...path, ...(path.at(-1) === key[0] ? [] : key), 'spec'],
        message: `no sentence "${value.spec}" under the scenario's spec:${suggestion ? ` — did you mean "${suggestion}"?` : ` (${has})`}`,
        allowed: names,
        ...(suggestion ? { suggestion } : {}),
      },
    ];
  });
}

/** from_step names a step by its number; there must be such a step. */
function stepOutOfRange(exp: Unlocated<ExpectationModel>, path: Path, stepCount: number): PathIssue[] {
  const from = idpExpectationDefinition(exp).fromStep?.(exp);
  if (from === undefined || from <= stepCount) return [];
  return [
    {
      code: 'OUT_OF_RANGE',
      path: [...path, exp.type, 'from_step'],
      message: `from_step ${from} names no step: the scenario has ${stepCount} step${stepCount === 1 ? '' : 's'} (1 is the first)`,
    },
  ];
}

/**
 * recovers-within measures from the moment the faults end, so they must end: after the last
 * clear-faults step (or from the start), every fault in force needs when.times or when.nth.
 */
function endlessFaults(faults: readonly ScenarioFault[], steps: readonly Unlocated<StepModel>[], path: Path): PathIssue[] {
  let inForce: readonly ScenarioFault[] = faults;
  for (const step of steps) inForce = stepDefinition(step).faults?.(step) ?? inForce;
  const endless = inForce.filter((f) => f.when.times === undefined && f.when.nth === undefined);
  if (endless.length === 0) return [];
  const kinds = [...new Set(endless.map((f) => f.kind))].join(', ');
  return [
    {
      code: 'NO_RECOVERY_POINT',
      path,
      message: `recovers-within needs the faults to end, but ${kinds} never stop${endless.length === 1 ? 's' : ''}: add a clear-faults step after ${endless.length === 1 ? 'it' : 'them'}, or give ${endless.length === 1 ? 'it' : 'each'} when.times`,
    },
  ];
}

function listAt(record: Record<string, unknown>, key: string): unknown[] {
  const value = record[key];
  return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
