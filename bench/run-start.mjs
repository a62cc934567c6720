// `authfault run`'s own start, as an interleaved A/B of builds (issue #14): for each build, the
// one-scenario run `node <build>/harness/cli/main.js run --config examples/careful-app/authfault.config.yaml
// --grep ^state-tampered$ --reporter json` from the repository root, and per run
//
//   runner spawned   spawn of the CLI → its spawn of Playwright's runner, with the CLI's CPU ms by then
//   go               spawn of the CLI → the CLI's "go" to the runner (config and scenarios checked, manifest written)
//   exit             spawn of the CLI → its exit, with the CPU ms of the whole process tree (sh's `times`)
//
// The marks come from lib/spawn-mark.cjs, preloaded with NODE_OPTIONS. A build is a dist/ folder
// with package.json beside it, node_modules reachable from it, and scenarios/ beside it (the
// bundled suite is found next to dist/): copy them before others rebuild.
//
//   node bench/run-start.mjs [--rounds 6] before=/tmp/before/dist after=dist
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH_DIR, ROOT } from './lib/servers.mjs';
import { fixed, intArg, median } from './lib/stats.mjs';

const argv = process.argv.slice(2);
const rounds = intArg(argv, 'rounds', 6);
const builds = Object.fromEntries(argv.filter((a) => a.includes('=')).map((a) => a.split('=')).map(([name, dist]) => [name, join(resolve(dist), 'harness/cli/main.js')]));
if (Object.keys(builds).length < 2) throw new Error('give two builds or more: name=path/to/dist …');

function once(cli) {
  return new Promise((done, reject) => {
    const out = mkdtempSync(join(tmpdir(), 'authfault-run-start-'));
    const marks = join(out, 'marks');
    writeFileSync(marks, '');
    const t0 = performance.timeOrigin + performance.now();
    const args = [process.execPath, cli, 'run', '--config', 'examples/careful-app/authfault.config.yaml', '--grep', '^state-tampered$', '--reporter', 'json', '--output', out];
    const child = spawn('/bin/sh', ['-c', '"$@" >/dev/null 2>&1 </dev/null; s=$?; times; exit $s', 'sh', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', DEBUG: '', NODE_OPTIONS: `--require ${join(BENCH_DIR, 'lib/spawn-mark.cjs')}`, AB_MARK: marks },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let times = '';
    child.stdout.on('data', (d) => (times += d));
    child.on('exit', (code) => {
      const exitMs = performance.timeOrigin + performance.now() - t0;
      const c = times.trim().split('\n')[1]?.match(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/);
      const lines = readFileSync(marks, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const cli = lines.filter((m) => m.ppid === child.pid);
      const spawned = cli.find((m) => m.spawn);
      const go = cli.find((m) => m.go);
      let verdicts = '';
      try {
        verdicts = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).scenarios.map((s) => s.verdict).join(',');
      } catch {
        // No report: the check below says so.
      }
      rmSync(out, { recursive: true, force: true });
      if (code !== 0 || verdicts !== 'pass' || !spawned || !go) return reject(new Error(`${args.slice(1, 3).join(" ")}: exit ${code}, verdicts "${verdicts}", marks ${JSON.stringify(cli)}`));
      done({ spawnMs: spawned.t - t0, cliCpuMs: spawned.cpuMs, goMs: go.t - t0, exitMs, cpuMs: c ? (Number(c[1]) * 60 + Number(c[2]) + Number(c[3]) * 60 + Number(c[4])) * 1000 : NaN });
    });
  });
}

const names = Object.keys(builds);
const results = Object.fromEntries(names.map((n) => [n, []]));
for (const n of names) await once(builds[n]); // warm-up, discarded
for (let r = 0; r < rounds; r++) {
  for (const n of r % 2 ? [...names].reverse() : names) {
    const m = await once(builds[n]);
    results[n].push(m);
    process.stderr.write(`round ${r + 1}/${rounds} ${n}: runner spawned at ${fixed(m.spawnMs)} ms (CLI CPU ${fixed(m.cliCpuMs)} ms), go at ${fixed(m.goMs)} ms, exit at ${fixed(m.exitMs)} ms (tree CPU ${fixed(m.cpuMs)} ms)\n`);
  }
}
const cell = (rs, k) => `${fixed(median(rs.map((r) => r[k])))} (${fixed(Math.min(...rs.map((r) => r[k])))}–${fixed(Math.max(...rs.map((r) => r[k])))})`;
console.log(`${rounds} rounds, interleaved (the order reversing every round), 1 warm-up round discarded; medians (min–max):\n`);
console.log('| build | spawn → runner spawned, ms | CLI CPU ms by then | spawn → go, ms | spawn → exit, ms | tree CPU ms |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const n of names) {
  const rs = results[n];
  console.log(`| ${n} | ${cell(rs, 'spawnMs')} | ${fixed(median(rs.map((r) => r.cliCpuMs)))} | ${cell(rs, 'goMs')} | ${cell(rs, 'exitMs')} | ${fixed(median(rs.map((r) => r.cpuMs)))} |`);
}
