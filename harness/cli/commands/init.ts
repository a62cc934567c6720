import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { EXIT } from '../../../errors/codes.js';
import { findConfigFile } from '../find-config.js';
import { CONFIG_FILE, CONFIG_TEMPLATE } from '../templates/config.js';
import { SCENARIO_DIR, SCENARIO_TEMPLATES } from '../templates/scenarios.js';
import { CLI_DEFAULTS } from '../defaults.js';

/**
 * `authfault init`: a starter config and three starter scenarios in the working directory.
 *
 * - Nothing the user wrote is ever overwritten, and there is no flag to do so: each file is
 *   created exclusively ('wx'), so even a file that appears while init runs is kept.
 * - A config under another name (authfault.config.ts, .json …) is the config: a second one
 *   beside it would either be ignored by `run` or take its place.
 * - Asks nothing; says what it wrote, what it kept and why, and what to do next.
 */
export function initCommand(): number {
  const cwd = process.cwd();
  const written: string[] = [];
  const kept: string[] = [];

  // Another config name would leave two configs, one of them ignored; the same name is just a file to keep.
  const existingConfig = findConfigFile(cwd);
  const otherConfig = existingConfig !== undefined && basename(existingConfig) !== CONFIG_FILE ? existingConfig : undefined;
  if (otherConfig) kept.push(`${relative(cwd, otherConfig)} (your config; ${CONFIG_FILE} not written beside it)`);
  const files = [
    ...(otherConfig ? [] : [{ path: join(cwd, CONFIG_FILE), text: CONFIG_TEMPLATE }]),
    ...SCENARIO_TEMPLATES.map((t) => ({ path: join(cwd, SCENARIO_DIR, t.file), text: t.text })),
  ];

  for (const { path, text } of files) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text, { flag: 'wx' });
      written.push(relative(cwd, path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // EEXIST: the file is there (or a file sits where its folder would go); ENOTDIR: a file sits on the path.
      if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
      kept.push(`${relative(cwd, path)} (${existsSync(path) ? 'already there' : `a file is in the way of ${relative(cwd, dirname(path))}/`})`);
    }
  }

  const ignored = ignoreStateFolder(cwd);

  const out: string[] = [];
  if (written.length > 0) out.push('authfault init wrote:', ...written.map((f) => `  ${f}`));
  if (ignored) out.push(`${ignored} .gitignore: ${CLI_DEFAULTS.stateDir}/ (where authfault idp keeps its signing key, CA and client secrets between restarts)`);
  if (kept.length > 0) out.push(`${written.length > 0 ? 'Kept' : 'authfault init wrote nothing; kept'} as they are, not overwritten:`, ...kept.map((f) => `  ${f}`));
  const config = existingConfig ? relative(cwd, existingConfig) : CONFIG_FILE;
  const marked = written.includes(CONFIG_FILE) ? ' (the lines marked EDIT)' : '';
  out.push(
    '',
    'Next steps:',
    `  1. Edit ${config}${marked}: the command that starts your app, the`,
    '     environment names it reads its OIDC settings from, how a person starts login, and what',
    '     only a signed-in user sees. Guide: node_modules/authfault/docs/targets.md',
    `  2. npx authfault validate ${SCENARIO_DIR}   checks the config and the starter scenarios`,
    `  3. npx authfault run ${SCENARIO_DIR}        runs the three starters against your app`,
    `  4. npx authfault run ${' '.repeat(SCENARIO_DIR.length)}        runs the bundled suite: every fault kind`,
    `     Reports and your app's output (logs/) go to ${CLI_DEFAULTS.output}/.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}

/**
 * The state folder stays out of git: `.authfault/` is added to the project's .gitignore (a line
 * appended, nothing else changed; the file made when there is none). Says what it did, or nothing
 * when the line is there already.
 */
function ignoreStateFolder(cwd: string): 'added to' | 'wrote' | undefined {
  const file = join(cwd, '.gitignore');
  const line = `${CLI_DEFAULTS.stateDir}/`;
  if (!existsSync(file)) {
    writeFileSync(file, `${line}\n`, { flag: 'wx' });
    return 'wrote';
  }
  const text = readFileSync(file, 'utf8');
  if (text.split(/\r?\n/).some((l) => /^\/?\.authfault\/?(\*\*)?$/.test(l.trim()))) return undefined;
  appendFileSync(file, `${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`);
  return 'added to';
}
