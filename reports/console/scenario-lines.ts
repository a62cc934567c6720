import type { ScenarioReport } from '../model.js';
import { formatDuration } from '../util/format-duration.js';
import { stripAnsi } from '../util/strip-ansi.js';
import type { Style } from './style.js';
import { verdictLabel } from './verdict-label.js';

const DETAIL_INDENT = '    ';

/** `✗ fail    [3/15] state-tampered  A callback whose state … (1.2s)`; progress is optional. */
export function scenarioLine(scenario: ScenarioReport, style: Style, progress?: { done: number; total: number }): string {
  const counter = progress ? `[${String(progress.done).padStart(String(progress.total).length)}/${progress.total}] ` : '';
  const retries = scenario.retries > 0 ? `, ${scenario.retries} ${scenario.retries === 1 ? 'retry' : 'retries'}` : '';
  const time = style.dim(`(${formatDuration(scenario.durationMs)}${retries})`);
  return `${verdictLabel(scenario.verdict, style)} ${counter}${scenario.id}  ${scenario.title} ${time}`;
}

/**
 * What a developer needs to act on a fail, warn or error without opening a report: the diagnosis
 * summary (or, when the harness broke before judging, the failed step's first error line) and
 * where to look. The location is the failed step's when there is one, else the scenario's. A
 * skipped scenario gets its reason, dimmed: a skip that says nothing hides what was not tested.
 */
export function problemLines(scenario: ScenarioReport, style: Style): string[] {
  if (scenario.verdict === 'pass') return [];
  if (scenario.verdict === 'skipped') return scenario.diagnosis ? [`${DETAIL_INDENT}${style.dim(scenario.diagnosis.summary)}`] : [];
  const failedStep = scenario.steps.find((step) => step.status === 'failed');
  // A step error may carry Playwright's colours; the console styles its own lines.
  const summary = scenario.diagnosis?.summary ?? (failedStep?.error && stripAnsi(failedStep.error).split('\n')[0]);
  const line = failedStep?.line ?? scenario.line;
  const lines = summary ? [`${DETAIL_INDENT}${summary}`] : [];
  lines.push(`${DETAIL_INDENT}${style.dim(`${scenario.file}:${line}`)}`);
  return lines;
}
