import { readdirSync, readFileSync } from 'node:fs';

/** A process as /proc/<pid>/stat shows it (Linux). */
function stat(pid: number): { ppid: number; state: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields after the last ')'.
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(ppid), state: state! };
  } catch {
    return undefined;
  }
}

/** Every process descending from `pid` now, by parent id: its children, theirs, and so on (whatever process group they are in). */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const child = Number(name);
    const s = Number.isInteger(child) ? stat(child) : undefined;
    if (s) parentOf.set(child, s.ppid);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** Those of `pids` still running: not gone, and not a zombie waiting for its parent to reap it. */
export function stillRunning(pids: readonly number[]): number[] {
  return pids.filter((pid) => {
    const s = stat(pid);
    return s !== undefined && s.state !== 'Z';
  });
}

/** The command line of a process, for a failure message. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '(gone)';
  }
}
