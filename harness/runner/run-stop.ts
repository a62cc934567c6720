import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Why a run stops before every scenario has run, in a file of the run's folder that every
 * process of the run can see: the CLI writes it when it is signalled, a worker when the app (or
 * the provider) did not start. Workers started afterwards start nothing; the reporter bridge
 * marks the report interrupted and names the scenarios that did not run.
 */
export interface RunStop {
  /** In the report's words: "SIGTERM", or what kept the app from starting. */
  reason: string;
  signal?: 'SIGINT' | 'SIGTERM';
}

const STOP_FILE = '.run/stop.json';
/** One empty file per app process group the run's workers started, named by its id. */
const APPS_DIR = '.run/apps';

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

/** What an earlier run left: its stop and the app groups it recorded (a new run starts with none). */
export function clearRunState(outputDir: string): void {
  rmSync(join(outputDir, STOP_FILE), { force: true });
  rmSync(join(outputDir, APPS_DIR), { recursive: true, force: true });
}

/** A worker records the process group of each app it starts, and forgets it once the app is stopped. */
export function recordApp(outputDir: string, pgid: number): () => void {
  const dir = join(outputDir, APPS_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, String(pgid));
  writeFileSync(file, '');
  return () => rmSync(file, { force: true });
}

/**
 * The app process groups still recorded: apps whose worker was killed before it could stop
 * them (they run in groups of their own, so killing the runner's group leaves them).
 */
export function recordedApps(outputDir: string): number[] {
  try {
    return readdirSync(join(outputDir, APPS_DIR)).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return [];
  }
}
