import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { usageError } from '../util/usage-error.js';

/** The lock file a run holds in its output folder, beside the manifest its workers read. */
export const LOCK_FILE = '.run/lock.json';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export interface OutputLock {
  /** Give the folder up; called once the run's reports are written (or it ended otherwise). */
  release(): void;
}

/**
 * Each run owns its output folder: two runs writing to one folder replaced each other's
 * manifest, and a worker one run started afresh read the other run's scenarios and config, so
 * one app's verdicts were judged against the other's target. A run takes the folder by creating
 * `.run/lock.json` (exclusively, so one of two starting at once wins); a folder whose lock names
 * a process that no longer runs on this host is taken over (a run killed with SIGKILL leaves its
 * lock behind). A live owner, or one on another host, is refused with AUTHFAULT_OUTPUT_LOCKED
 * (exit 2), naming it.
 */
export function lockOutput(outputDir: string, cwd: string): OutputLock {
  const file = join(outputDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          // Only our own lock: after a takeover race the file may be another run's.
          if (ownerOf(file)?.pid === me.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(file);
      const folder = relative(cwd, outputDir) || '.';
      const advice = "two runs in one folder would read each other's scenarios and overwrite each other's reports. Wait for it to end, or give this run its own folder: --output <dir>";
      if (owner && owner.host !== me.host) {
        // Its process cannot be looked up from here (a folder shared between machines or containers).
        throw usageError('AUTHFAULT_OUTPUT_LOCKED', `an authfault run on ${owner.host} (pid ${owner.pid}, started ${owner.startedAt}) holds ${folder}/; ${advice} (if that run is gone, delete ${relative(cwd, file)})`);
      }
      if (owner && alive(owner.pid)) {
        throw usageError('AUTHFAULT_OUTPUT_LOCKED', `another authfault run (pid ${owner.pid}, started ${owner.startedAt}) is writing to ${folder}/; ${advice}`);
      }
      // Left by a run that is gone (or unreadable, half written by one killed at that moment).
      rmSync(file, { force: true });
    }
  }
  throw usageError('AUTHFAULT_OUTPUT_LOCKED', `could not take ${relative(cwd, outputDir) || '.'}/ for this run: another run took it at the same moment; give this run its own folder: --output <dir>`);
}

function ownerOf(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
