import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { BrowserChoice } from '../browser/find-browser.js';
import type { TargetConfig } from '../config/types.js';
import type { DriverName } from '../scenario/driver-name.js';
import type { Scenario } from '../scenario/types.js';
import type { ScenarioPlan } from './plan.js';

/**
 * What the CLI hands to the Playwright run it starts: Playwright loads our config and spec in
 * its own processes, so everything they need travels in this file, named by AUTHFAULT_MANIFEST.
 */
export interface RunManifest {
  version: 1;
  cwd: string;
  configFile: string;
  targetName: string;
  /** The loaded target config and scenarios: plain data, validated once by the CLI. */
  config: TargetConfig;
  scenarios: Scenario[];
  /** What the run does with each scenario, in the same order (plan.ts). */
  plans: ScenarioPlan[];
  seed: string;
  outputDir: string;
  /** authfault's reporters, by name. */
  reporters: string[];
  /** Playwright reporters (a package or a file), resolved: the reporter bridge hands them the run with the verdicts as test outcomes. */
  playwrightReporters: string[];
  browser: BrowserChoice;
  workers?: number;
  timeoutMs: number;
  /** --retries: a scenario that could not be judged (an error) is run again up to this many times. */
  retries: number;
  /** --repeat-each: every scenario runs this many times. */
  repeatEach: number;
  /** --list: Playwright lists the scenarios it would run and runs none. */
  list?: boolean;
  /** Playwright trace recording; traces of failed scenarios are linked from the reports. */
  trace: 'retain-on-failure' | 'on' | 'off';
  /** --driver: every scenario in this user agent, whatever its own `driver:` says. */
  driver?: DriverName;
  startedAt: string;
  authfaultVersion: string;
  shard?: { current: number; total: number };
  headed?: boolean;
}

export const MANIFEST_ENV = 'AUTHFAULT_MANIFEST';

const read = new Map<string, RunManifest>();

/** The run's manifest, read once per process (the config, the fixtures, the spec and the reporter all ask). */
export function readManifest(env: NodeJS.ProcessEnv = process.env): RunManifest {
  const file = env[MANIFEST_ENV];
  if (!file) throw new Error(`${MANIFEST_ENV} is not set: this file is loaded by \`authfault run\`, not directly by Playwright`);
  let manifest = read.get(file);
  if (!manifest) read.set(file, (manifest = JSON.parse(readFileSync(file, 'utf8')) as RunManifest));
  return manifest;
}

export async function writeManifest(file: string, manifest: RunManifest): Promise<void> {
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
