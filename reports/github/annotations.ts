import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ScenarioReport } from '../model.js';
import { problemHeadline, problemLocation, problems } from './problems.js';
import { workflowCommand } from './workflow-command.js';

/** GitHub shows at most 10 error and 10 warning annotations per step; more are dropped unseen. */
export const MAX_ANNOTATIONS = 10;

/**
 * `::error` for fails and errors and `::warning` for warns, each pointing at the scenario YAML
 * (the failed step's line when there is one), worst first, at most `max`; the rest are counted,
 * and the job summary lists them all.
 */
export function annotationLines(
  scenarios: readonly ScenarioReport[],
  options: { cwd: string; workspace?: string; max?: number },
): { lines: string[]; annotated: number } {
  const all = problems(scenarios);
  const max = options.max ?? MAX_ANNOTATIONS;
  const lines = all.slice(0, max).map((scenario) => {
    const { line, column } = problemLocation(scenario);
    const title = `authfault ${scenario.verdict}: ${scenario.id} (${scenario.category}, ${scenario.severity})`;
    return workflowCommand(
      scenario.verdict === 'warn' ? 'warning' : 'error',
      { file: repoPath(scenario.file, options), line, col: column, title },
      message(scenario),
    );
  });
  const annotated = lines.length;
  const omitted = all.length - annotated;
  if (omitted > 0) {
    lines.push(workflowCommand('notice', { title: 'authfault' }, `${omitted} more problem${omitted === 1 ? '' : 's'} not annotated (GitHub shows at most ${max}); the job summary lists every one.`));
  }
  return { lines, annotated };
}

function message(scenario: ScenarioReport): string {
  const d = scenario.diagnosis;
  const parts = [`${scenario.title}: ${problemHeadline(scenario)}`];
  if (d?.fix) parts.push(`How to fix: ${d.fix}`);
  return parts.join('\n\n');
}

/**
 * Annotations need paths from the repository root. Scenario files are recorded relative to the
 * run's working directory, which is the root unless the run was started in a subfolder.
 */
function repoPath(file: string, options: { cwd: string; workspace?: string }): string {
  if (!options.workspace) return file;
  const path = relative(options.workspace, resolve(options.cwd, file));
  return path.startsWith(`..${sep}`) || isAbsolute(path) ? file : path.split(sep).join('/');
}
