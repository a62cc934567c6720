// Preloaded into `authfault run` by bench/run-start.mjs (NODE_OPTIONS=--require): appends one JSON
// line to $AB_MARK when the CLI spawns a process (wall time, ms since the epoch, and the CPU the
// CLI has used so far) and when it writes to the spawned runner's start pipe (the "go" of
// harness/runner/start-signal.ts). Inherited by every process of the run; only lines whose ppid is
// the CLI's parent are the CLI's.
const childProcess = require('node:child_process');
const fs = require('node:fs');

const mark = (line) => fs.appendFileSync(process.env.AB_MARK, `${JSON.stringify({ pid: process.pid, ppid: process.ppid, t: performance.timeOrigin + performance.now(), ...line })}\n`);
const spawn = childProcess.spawn;
childProcess.spawn = function (...args) {
  const cpu = process.cpuUsage();
  mark({ spawn: String(args[1]?.[0] ?? args[0]), cpuMs: (cpu.user + cpu.system) / 1000 });
  const child = spawn.apply(this, args);
  const pipe = child.stdio?.[3];
  if (pipe && typeof pipe.write === 'function') {
    const write = pipe.write;
    pipe.write = function (...chunk) {
      mark({ go: true });
      return write.apply(this, chunk);
    };
  }
  return child;
};
// `import { spawn } from 'node:child_process'` sees the wrapper only after this.
require('node:module').syncBuiltinESMExports();
