import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { targetClicks, type TargetClicks } from '../../config/target-clicks.js';
import { loadScenarios } from '../../language/load.js';
import { formatIssue, formatIssues, type Issue } from '../../util/issues.js';
import { EXIT } from '../../../errors/codes.js';
import { findConfigFile } from '../find-config.js';

/** `authfault validate`: the config and every scenario checked, all problems at once, nothing run. */
export async function validateCommand(files: string[], options: { config?: string }): Promise<number> {
  const cwd = process.cwd();
  const configFile = options.config ?? findConfigFile(cwd);
  const issues: Issue[] = [];
  let pages: string[] | undefined;
  let clicks: TargetClicks | undefined;
  let paths = files.map((f) => resolve(f));
  if (configFile) {
    try {
      const config = await loadConfig(resolve(configFile));
      pages = Object.keys(config.pages);
      clicks = targetClicks(config);
      if (paths.length === 0) paths = config.scenarios;
    } catch (error) {
      const details = (error as { details?: unknown[] }).details;
      if (!Array.isArray(details) || details.length === 0) throw error;
      issues.push(...(details as Issue[]));
    }
  }
  if (paths.length === 0 && !configFile) {
    process.stderr.write('authfault: nothing to validate: name scenario files or folders, or run where authfault.config.* is\n');
    return EXIT.badInput;
  }
  const loaded = paths.length > 0 ? await loadScenarios(paths, cwd, { ...(pages ? { pages } : {}), ...(clicks ? { targetClicks: clicks } : {}) }) : { scenarios: [], issues: [], warnings: [] };
  issues.push(...loaded.issues);
  // Warnings are not bad input: they name scenarios that will run as `skipped` against this
  // config (a page it lacks), so they are printed either way and never change the exit code.
  if (loaded.warnings.length > 0) process.stderr.write(`${loaded.warnings.map((w) => `warning: ${formatIssue(w)}`).join('\n')}\n`);
  if (issues.length > 0) {
    process.stderr.write(`${formatIssues(issues)}\n`);
    return EXIT.badInput;
  }
  const skipped = new Set(loaded.warnings.map((w) => w.file)).size;
  const note = skipped > 0 ? ` (${skipped} will be skipped against this config: see the warnings)` : '';
  process.stdout.write(`${configFile ? `${configFile}: ok\n` : ''}${loaded.scenarios.length} scenario(s): ok${note}\n`);
  return EXIT.ok;
}
