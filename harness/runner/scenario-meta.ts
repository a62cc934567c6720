import type { TestCase } from '@playwright/test/reporter';
import type { ScenarioMeta } from '../verdict/outcome.js';

/**
 * The scenario's identity travels on its Playwright test as an annotation, so the reporter
 * bridge can name a scenario that never wrote its report (a timeout, a crash): written by the
 * spec, read by the bridge.
 */
const SCENARIO_ANNOTATION = 'authfault.scenario';

export function scenarioAnnotation(meta: ScenarioMeta): { type: string; description: string } {
  return { type: SCENARIO_ANNOTATION, description: JSON.stringify(meta) };
}

export function metaOf(test: Pick<TestCase, 'annotations'>): ScenarioMeta | undefined {
  const annotation = test.annotations.find((a) => a.type === SCENARIO_ANNOTATION);
  return annotation?.description ? (JSON.parse(annotation.description) as ScenarioMeta) : undefined;
}

/** The annotation of a scenario's test that did not run because the run had stopped (run-stop.ts): no verdict, listed as not run. */
export const NOT_RUN = 'authfault.not-run';
