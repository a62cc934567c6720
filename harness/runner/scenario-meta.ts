import type { ScenarioReport } from '../../reports/index.js';
import type { Scenario } from '../scenario/types.js';

/** The scenario's identity, carried on the Playwright test as an annotation. */
export type ScenarioMeta = Pick<ScenarioReport, 'id' | 'title' | 'file' | 'line' | 'column' | 'category' | 'severity' | 'references'>;

export const SCENARIO_ANNOTATION = 'authfault.scenario';

export function scenarioMeta(s: Scenario): ScenarioMeta {
  return { id: s.id, title: s.title, file: s.file, line: s.loc.line, column: s.loc.column, category: s.category, severity: s.severity, references: s.references };
}
