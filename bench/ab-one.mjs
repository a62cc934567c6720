// A per-scenario A/B of two builds, interleaved in one run: what bench/suite.mjs --only one
// measures (controls/happy-path against examples/careful-app, K copies in one process less one,
// ÷ (K − 1)), for the browser and the http driver, from each build's own checkout — so that a
// change's effect is told from the load of a shared machine. Each round runs every build and
// driver once, the order rotating; CPU is the whole process tree's, as in suite.mjs.
//
//   node bench/ab-one.mjs --build before=/path/to/checkout --build after=. [--runs 5] [--k 20]
//
// Each checkout needs its node_modules and a built dist/; both are copied once at start (others
// rebuild dist/ while they work) to <checkout>/bench/.snapshot-ab/<pid>/.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixed, intArg, median } from './lib/stats.mjs';

const argv = process.argv.slice(2);
const builds = argv.flatMap((a, i) => (a === '--build' ? [argv[i + 1]] : [])).map((b) => {
  const [name, dir] = b.split('=');
  if (!name || !dir) throw new Error(`--build takes NAME=CHECKOUT, got ${b}`);
  return { name, root: resolve(dir) };
});
if (builds.length < 2) throw new Error('name two builds: --build before=DIR --build after=DIR');
const runs = intArg(argv, 'runs', 5);
const K = intArg(argv, 'k', 20, 2);
const DRIVERS = { browser: K, http: K * 5 };
const log = (line) => process.stderr.write(`${line}\n`);

for (const b of builds) {
  b.snapshot = join(b.root, 'bench/.snapshot-ab', String(process.pid));
  rmSync(b.snapshot, { recursive: true, force: true });
  for (const part of ['dist', 'scenarios', 'package.json', 'examples/careful-app/authfault.config.yaml']) cpSync(join(b.root, part), join(b.snapshot, part), { recursive: true });
  b.happy = {};
  for (const n of new Set([1, ...Object.values(DRIVERS)])) b.happy[n] = happyPaths(b.snapshot, n);
}

/** A folder holding n copies of the happy path, with ids happy-path-1 … happy-path-n. */
function happyPaths(snapshot, n) {
  const dir = mkdtempSync(join(tmpdir(), `authfault-ab-${n}-`));
  const text = readFileSync(join(snapshot, 'scenarios/controls/happy-path.yaml'), 'utf8');
  for (let i = 1; i <= n; i++) writeFileSync(join(dir, `happy-path-${i}.yaml`), text.replace(/^id: happy-path$/m, `id: happy-path-${i}`));
  return dir;
}

/** `authfault run` of n happy paths in one process: wall ms, and CPU ms of the process tree (the shell's `times`). */
function run(build, driver, n) {
  const out = mkdtempSync(join(tmpdir(), 'authfault-ab-out-'));
  const args = [join(build.snapshot, 'dist/harness/cli/main.js'), 'run', '--config', join(build.snapshot, 'examples/careful-app/authfault.config.yaml'), '--output', out, '--reporter', 'json', '--workers', '1', '--driver', driver, build.happy[n]];
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn('/bin/sh', ['-c', '"$@" >/dev/null 2>&1 </dev/null; s=$?; times; exit $s', 'sh', process.execPath, ...args], {
      cwd: build.root,
      env: { ...process.env, NO_COLOR: '1', DEBUG: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('error', fail);
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0;
      try {
        const t = text.trim().split('\n')[1]?.match(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/);
        if (!t) throw new Error(`no CPU times from the shell: ${text}`);
        const summary = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).summary;
        if (code !== 0 || summary.pass !== n) throw new Error(`${build.name} ${driver} × ${n}: exit ${code}, ${JSON.stringify(summary)}`);
        done({ wallMs, cpuMs: (Number(t[1]) * 60 + Number(t[2]) + Number(t[3]) * 60 + Number(t[4])) * 1000 });
      } catch (error) {
        fail(error);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
}

const targets = builds.flatMap((b) => Object.keys(DRIVERS).map((driver) => ({ build: b, driver, k: DRIVERS[driver] })));
const rows = new Map(targets.map((t) => [t, []]));
const loads = [loadavg()];
const started = new Date();
// One warm-up round, discarded: it pays for a cold file-system cache.
for (const t of targets) await run(t.build, t.driver, 1);
for (let r = 0; r < runs; r++) {
  for (const [i] of targets.entries()) {
    const t = targets[(i + r) % targets.length];
    const one = await run(t.build, t.driver, 1);
    const many = await run(t.build, t.driver, t.k);
    const row = { wallPer: (many.wallMs - one.wallMs) / (t.k - 1), cpuPer: (many.cpuMs - one.cpuMs) / (t.k - 1) };
    rows.get(t).push(row);
    log(`round ${r + 1}/${runs}, ${t.build.name} ${t.driver}: ${fixed(row.wallPer, 1)} ms wall, ${fixed(row.cpuPer, 1)} ms CPU per scenario`);
  }
  loads.push(loadavg());
}
for (const b of builds) for (const dir of [b.snapshot, ...Object.values(b.happy)]) rmSync(dir, { recursive: true, force: true });

const per = (b, driver, key) => median(rows.get(targets.find((t) => t.build === b && t.driver === driver)).map((x) => x[key]));
const lines = [
  `- command: \`node bench/ab-one.mjs ${builds.map((b) => `--build ${b.name}=…`).join(' ')} --runs ${runs} --k ${K}\`, started ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${fixed((Date.now() - started.getTime()) / 60000, 1)} min`,
  `- load average (1 min) at the start and after each round: ${loads.map((l) => fixed(l[0], 2)).join(', ')}`,
  `- per scenario: (K in one process − 1) ÷ (K − 1), K = ${DRIVERS.browser} (browser) and ${DRIVERS.http} (http), medians of ${runs} interleaved rounds`,
  '',
  '| build | browser: wall ms | CPU ms | http: wall ms | CPU ms | browser ÷ http: wall | CPU |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...builds.map((b) => {
    const [bw, bc, hw, hc] = [per(b, 'browser', 'wallPer'), per(b, 'browser', 'cpuPer'), per(b, 'http', 'wallPer'), per(b, 'http', 'cpuPer')];
    return `| ${b.name} | ${fixed(bw)} | ${fixed(bc)} | **${fixed(hw, 1)}** | ${fixed(hc, 1)} | **${fixed(bw / hw, 1)}×** | ${fixed(bc / hc, 1)}× |`;
  }),
  '',
  'Each round, per scenario, wall ms (CPU ms):',
  '',
  `| round | ${targets.map((t) => `${t.build.name} ${t.driver}`).join(' | ')} |`,
  `|---:|${targets.map(() => '---:').join('|')}|`,
  ...Array.from({ length: runs }, (_, r) => `| ${r + 1} | ${targets.map((t) => `${fixed(rows.get(t)[r].wallPer, 1)} (${fixed(rows.get(t)[r].cpuPer, 1)})`).join(' | ')} |`),
];
process.stdout.write(`${lines.join('\n')}\n`);
