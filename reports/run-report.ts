import { summarize, type RunInfo, type RunReport, type ScenarioReport } from './model.js';

/** The one way a RunReport is made: the run, its scenarios in the order given, and their count by verdict. */
export function runReport(run: RunInfo, scenarios: ScenarioReport[]): RunReport {
  return { schema: 'authfault/report', version: 1, run, summary: summarize(scenarios), scenarios };
}
