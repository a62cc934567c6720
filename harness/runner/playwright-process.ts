import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MANIFEST_ENV } from './manifest.js';
import { playwrightCli } from './playwright-cli.js';

/** Set for Playwright's runner only: the file descriptor it reads "go" from (start-signal.ts). */
export const START_FD_ENV = 'AUTHFAULT_START_FD';
const START_FD = 3;

/** How long the run's processes get to stop cleanly after an interrupt before they are killed. */
export const INTERRUPT_GRACE_MS = 15_000;

export interface PlaywrightRun {
  /** The manifest is written: let Playwright load it and run. */
  go(): void;
  /** Ask the run to stop as Ctrl-C does (Playwright's interrupt: workers tear down, reports are written). */
  interrupt(): void;
  /** End the runner, its workers and whatever else is in its process group, now. */
  kill(): void;
  /** Resolves with Playwright's exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  pid: number | undefined;
}

/**
 * Playwright Test's runner, started as soon as the CLI knows where the run's manifest goes and
 * before it has loaded the config and the scenarios: Playwright loads its own modules meanwhile
 * (about as long as the CLI's validation takes), then waits in authfault's playwright.config for
 * the word to go. Nothing of the app or the provider starts before then, and a run whose input is
 * bad never says go: it is killed and the CLI exits 2.
 *
 * The runner is the leader of its own process group (its workers join it), so the whole run can
 * be signalled at once, and a terminal's Ctrl-C reaches the CLI alone, which passes it on: one
 * path for SIGINT and SIGTERM, whether they come from a terminal, `timeout` or `docker stop`. The
 * pipe that carries "go" stays open for the whole run; if the CLI dies, even by SIGKILL, the
 * runner sees it close and interrupts itself, so nothing runs on unwatched.
 */
export function startPlaywright(manifestFile: string, env: NodeJS.ProcessEnv, extraArgs: readonly string[] = []): PlaywrightRun {
  const cli = playwrightCli();
  const config = fileURLToPath(new URL('./playwright.config.js', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [cli, 'test', '--config', config, ...extraArgs], {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    detached: true,
    env: { ...env, [MANIFEST_ENV]: manifestFile, [START_FD_ENV]: String(START_FD) },
  });
  const pipe = child.stdio[START_FD] as NodeJS.WritableStream & { destroyed?: boolean };
  // The runner may end before it reads (bad Playwright install): its exit code says why, not EPIPE.
  pipe.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code));
  });
  const group = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    pid: child.pid,
    go: () => pipe.write('go\n'),
    // Playwright's runner stops on SIGINT alone; SIGTERM would end it without its workers.
    interrupt: () => {
      if (child.pid !== undefined) {
        try {
          process.kill(child.pid, 'SIGINT');
        } catch {
          // Already gone.
        }
      }
    },
    kill: () => group('SIGKILL'),
    exited,
  };
}
