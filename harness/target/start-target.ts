import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { AuthfaultError } from '../../mock-provider/basics.js';

export interface TargetLaunch {
  /** Shell command; absent when the app is already running at `url`. */
  command?: string;
  cwd: string;
  env: Record<string, string>;
  /** The app's base URL. */
  url: string;
  /** Polled until it answers below 400. */
  ready: string;
  timeoutMs: number;
  /** Where the app's stdout and stderr go. */
  logFile: string;
  /** Told the app's process group as it starts; what it returns is called once the group has ended. */
  track?: (pgid: number) => () => void;
}

export interface RunningTarget {
  url: string;
  logFile: string;
  /** The app's output so far (the tail, for diagnoses). */
  logTail(lines?: number): string;
  /** Set when the app's process ended on its own: the app crashed or quit. */
  exit(): { code: number | null; signal: string | null } | undefined;
  stop(): Promise<void>;
}

/**
 * Start the target app (or adopt one already running) and wait until its readiness URL answers.
 * The app runs in its own process group so stop() ends whatever its command started.
 */
export async function startTarget(launch: TargetLaunch): Promise<RunningTarget> {
  if (launch.command) await portsFree(launch);
  const log = createWriteStream(launch.logFile, { flags: 'a' });
  let child: ChildProcess | undefined;
  let exited: { code: number | null; signal: string | null } | undefined;
  let stopped: Promise<void> | undefined;
  let untrack: (() => void) | undefined;
  if (launch.command) {
    child = spawn(launch.command, {
      cwd: launch.cwd,
      env: { ...process.env, ...launch.env },
      shell: true,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.on('exit', (code, signal) => {
      exited = { code, signal };
    });
    if (child.pid !== undefined) untrack = launch.track?.(child.pid);
  }
  const target: RunningTarget = {
    url: launch.url,
    logFile: launch.logFile,
    logTail(lines = 20) {
      try {
        return readFileSync(launch.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
    exit: () => exited,
    // Once: a second stop would find the port taken by the app that replaced this one.
    stop: () =>
      (stopped ??= (async () => {
        if (child?.pid) await endGroup(child.pid, exited === undefined ? new Promise((resolve) => child!.once('exit', resolve)) : Promise.resolve(), launch.url);
        untrack?.();
        await new Promise((resolve) => log.end(resolve));
      })()),
  };
  try {
    await waitUntilReady(launch, () => exited);
  } catch (error) {
    await target.stop();
    const tail = target.logTail(15);
    throw new AuthfaultError(
      'AUTHFAULT_TARGET_NOT_READY',
      `${(error as Error).message}${tail ? `\n--- the app's last output (${launch.logFile}) ---\n${tail}` : ''}`,
    );
  }
  return target;
}

/**
 * Nothing may answer where the app is to listen before it starts: readiness would be judged on
 * whatever holds the port (it answers 200, the app dies with EADDRINUSE, and every verdict after
 * that is charged to an app that is not running). Checked for the app's URL and the readiness URL.
 */
async function portsFree(launch: TargetLaunch): Promise<void> {
  const origins = [...new Set([launch.url, launch.ready].map((u) => new URL(u).origin))];
  for (const origin of origins) {
    if (await listening(origin)) {
      throw new AuthfaultError(
        'AUTHFAULT_TARGET_PORT_TAKEN',
        `something already listens at ${origin} before the app was started (command: ${launch.command}): another server holds that port, and readiness would be judged on it. Stop that server, or let authfault choose the app's port: PORT: "{port}" in target.env, and the readiness URL on "{app}"`,
      );
    }
  }
}

/** Poll the readiness URL; give up on timeout or when the app's process has already ended. */
async function waitUntilReady(launch: TargetLaunch, exited: () => { code: number | null } | undefined) {
  const deadline = Date.now() + launch.timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const ended = exited();
    if (ended) throw new Error(`the app exited (code ${ended.code}) before ${launch.ready} answered; command: ${launch.command}`);
    try {
      const res = await fetch(launch.ready, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      if (res.status < 400) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    }
    // Readiness is a condition polled at a short interval, not a sleep standing in for a signal.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the app did not become ready within ${launch.timeoutMs} ms: ${launch.ready} gave ${last}`);
}

/**
 * End the app's process group and wait until its port is closed. The shell the command runs in
 * exits at SIGTERM at once, while the app under it may still be closing — still holding its port
 * and answering — for a while after: a restart that waited for the shell alone started the new
 * app beside the old one, took the old one's last answer for the new one being ready, and sent
 * the next scenarios into the gap between them (connection refused). Nothing signals the exit of
 * a grandchild (and here PID 1 may never reap it), so the app's port is what is watched: tried
 * every 25 ms until it refuses connections, SIGKILL to the group after 3 s, given up after 5 s.
 */
async function endGroup(pid: number, shellExited: Promise<unknown>, url: string): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // The group is gone already.
    }
  };
  signal('SIGTERM');
  await shellExited;
  const started = Date.now();
  let killed = false;
  while (await listening(url)) {
    const waited = Date.now() - started;
    if (waited >= 5000) return;
    if (!killed && waited >= 3000) {
      killed = true;
      signal('SIGKILL');
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Whether something accepts connections at the URL's host and port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port, protocol } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || (protocol === 'https:' ? 443 : 80)) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    // A host that drops the connection attempt has nothing listening that answers.
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}
