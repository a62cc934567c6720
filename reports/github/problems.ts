import type { ScenarioReport } from '../model.js';
import { stripAnsi } from '../util/strip-ansi.js';

/**
 * The scenarios a CI reader must look at, worst first: fails (the app mishandled a fault), then
 * errors (the scenario could not be judged), then warns (a should/may rule not met); file order
 * within each.
 */
export function problems(scenarios: readonly ScenarioReport[]): ScenarioReport[] {
  const rank = { fail: 0, error: 1, warn: 2 } as Record<string, number | undefined>;
  return scenarios.filter((s) => rank[s.verdict] !== undefined).sort((a, b) => rank[a.verdict]! - rank[b.verdict]!);
}

/** Where to point: the failed step when there is one, else the scenario document. */
export function problemLocation(scenario: ScenarioReport): { line: number; column: number } {
  const step = scenario.steps.find((s) => s.status === 'failed');
  return step ? { line: step.line, column: step.column } : { line: scenario.line, column: scenario.column };
}

/** One line that says what went wrong, even for a harness error without a diagnosis. */
export function problemHeadline(scenario: ScenarioReport): string {
  const step = scenario.steps.find((s) => s.status === 'failed');
  const text = scenario.diagnosis?.summary ?? step?.error?.split('\n')[0] ?? `Scenario ${scenario.id}: ${scenario.verdict}`;
  return stripAnsi(text);
}
