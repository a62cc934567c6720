import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Why a run stops before every scenario has run, in a file of the run's folder that every
 * process of the run can see: a worker writes it when the app (or the provider) did not start.
 * Workers started afterwards start nothing; the reporter bridge marks the report interrupted and
 * names the scenarios that did not run.
 */
export interface RunStop {
  /** In the report's words: what kept the app from starting. */
  reason: string;
}

const STOP_FILE = '.run/stop.json';

/** Record why the run stops; false when it had already stopped (the first reason stands, a later one does not replace it). */
export function writeStop(outputDir: string, stop: RunStop): boolean {
  try {
    writeFileSync(join(outputDir, STOP_FILE), JSON.stringify(stop), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}

export function readStop(outputDir: string): RunStop | undefined {
  try {
    return JSON.parse(readFileSync(join(outputDir, STOP_FILE), 'utf8')) as RunStop;
  } catch {
    return undefined;
  }
}

/** What an earlier run left: its stop (a new run starts with none). */
export function clearRunState(outputDir: string): void {
  rmSync(join(outputDir, STOP_FILE), { force: true });
}
