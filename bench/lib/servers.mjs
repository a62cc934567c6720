// Starting and stopping the servers under test as child processes, and tiny HTTP helpers that do
// not touch fetch (undici loads lazily on first use and would tax whichever server is timed first).
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpSync, existsSync, rmSync } from 'node:fs';

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(BENCH_DIR);
const CLI = join(ROOT, 'dist/harness/cli/main.js');
const SNAPSHOT = join(BENCH_DIR, '.snapshot');

/** The servers a benchmark can start: the arguments to `node`. */
export const SERVERS = {
  plain: { label: 'plain oidc-provider', args: [join(BENCH_DIR, 'plain-server.mjs')] },
  authfault: { label: 'authfault idp', args: [CLI, 'idp', '--port', '0', '--json'] },
  oauth2Mock: { label: 'oauth2-mock-server', args: [join(BENCH_DIR, 'oauth2-mock-server.mjs')] },
};

/** How a server's command reads in a report, from the repository root (the snapshot reads as dist/). */
export function commandLine(name, extraArgs = []) {
  return `node ${[...SERVERS[name].args, ...extraArgs].map((a) => a.replace(`${SNAPSHOT}/`, '').replace(`${ROOT}/`, '')).join(' ')}`;
}

/**
 * Run authfault from a copy of dist/ (with package.json beside it, as the CLI reads its version
 * from there) taken once per process: others rebuild dist/ while they work, and a rebuild half
 * way through a run would break it or measure two builds as one.
 */
export function snapshotBuild() {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run \`npm run build\` first`);
  if (SERVERS.authfault.args[0].startsWith(SNAPSHOT)) return;
  rmSync(SNAPSHOT, { recursive: true, force: true });
  cpSync(join(ROOT, 'dist'), join(SNAPSHOT, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(SNAPSHOT, 'package.json'));
  SERVERS.authfault.args[0] = join(SNAPSHOT, 'dist/harness/cli/main.js');
}

// The same environment for both: nothing that changes the issuer, the port or node's flags.
function childEnv() {
  const env = { ...process.env };
  for (const name of ['ISSUER', 'PORT', 'NODE_OPTIONS', 'DEBUG']) delete env[name];
  return env;
}

/**
 * Spawn a server (`extraArgs` after its own) and wait for its JSON ready line. `t0` is taken just before spawn; the result
 * carries the ready time (ms since t0). Rejects with the child's stderr when it exits or times out.
 */
export function startServer(name, { timeoutMs = 30_000, extraNodeArgs = [], extraArgs = [] } = {}) {
  const spec = SERVERS[name];
  const t0 = performance.now();
  // cwd is bench/: no authfault.config.* there, so `idp` runs on its defaults.
  const child = spawn(process.execPath, [...extraNodeArgs, ...spec.args, ...extraArgs], { cwd: BENCH_DIR, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    if (stderr.length < 64_000) stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => fail(new Error(`${spec.label}: no ready line within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      error.message += stderr ? `\n--- stderr ---\n${stderr.trim()}` : '';
      reject(error);
    };
    child.stdout.setEncoding('utf8');
    const onData = (chunk) => {
      const readyAt = performance.now();
      buffered += chunk;
      if (buffered.length > 1_000_000) return fail(new Error(`${spec.label}: a megabyte of stdout without a ready line`));
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.resume();
      try {
        const info = JSON.parse(buffered.slice(0, newline));
        if (typeof info.issuer !== 'string') throw new Error('no issuer');
        child.off('exit', onExit);
        resolve({ info, readyMs: readyAt - t0 });
      } catch (error) {
        fail(new Error(`${spec.label}: the first stdout line is not the JSON ready line (${error.message}): ${buffered.slice(0, newline)}`));
      }
    };
    const onExit = (code, signal) => fail(new Error(`${spec.label} exited (code ${code}, signal ${signal}) before it was ready`));
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
  return ready.then(({ info, readyMs }) => ({ name, child, info, t0, readyMs, exited, stderr: () => stderr }));
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. Resolves once it is gone. */
export async function stopServer(server, graceMs = 5_000) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill('SIGTERM');
  let timer;
  const killed = new Promise((resolve) => {
    timer = setTimeout(() => {
      server.child.kill('SIGKILL');
      resolve();
    }, graceMs);
  });
  await Promise.race([server.exited, killed]);
  clearTimeout(timer);
  return server.exited;
}

/** One HTTP request without keep-alive; resolves with status and body text. */
export function httpRequest(url, { method = 'GET', headers = {}, body, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { connection: 'close', ...headers }, agent: false, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * CPU time (user + system) a child has used so far, in ms, from /proc (Linux); undefined
 * elsewhere. Less at the mercy of other load on the machine than wall-clock rates are.
 */
export async function cpuMs(pid) {
  try {
    const { readFile } = await import('node:fs/promises');
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux architecture node runs on

/** The resident set size of a child, from /proc (Linux), in MiB; undefined elsewhere. */
export async function rssMiB(pid) {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : undefined;
  } catch {
    return undefined;
  }
}
