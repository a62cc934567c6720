// Two builds of authfault, A and B, each running the bundled suite against careful-app as
// bench/suite.mjs runs it (`authfault run --config examples/careful-app/… --reporter json
// --driver … --workers …`, a fresh output folder each time, every scenario must pass), in rounds
// that interleave the two builds — the order alternating each round — so both meet the same load
// on a shared machine. Prints, per driver: each build's wall times and median, and each
// scenario's own time (report.json's durationMs), median over the rounds, for the scenarios
// that differ most; the load average before and after.
//
//   node bench/suite-ab.mjs --a DIR --b DIR [--rounds 5] [--workers 2] [--drivers browser,http] [--only id,id] [--grep RE]
//
// --only: scenarios to show beside the twelve that differ most; --grep: run only these (authfault run --grep).
//
// DIR is a checkout with dist/ built (`git archive <commit> | tar -x -C DIR`, node_modules linked,
// `npx tsc -p tsconfig.json`): neither is rebuilt while the benchmark runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixed, intArg, median } from './lib/stats.mjs';

const argv = process.argv.slice(2);
const value = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const builds = { A: value('a'), B: value('b') };
if (!builds.A || !builds.B) throw new Error('--a DIR and --b DIR name the two builds');
const rounds = intArg(argv, 'rounds', 5);
const workers = intArg(argv, 'workers', 2);
const drivers = (value('drivers') ?? 'browser,http').split(',');
const only = value('only')?.split(',');
const grep = value('grep');
const log = (line) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function run(root, driver) {
  const out = mkdtempSync(join(tmpdir(), 'authfault-ab-'));
  const args = [join(root, 'dist/harness/cli/main.js'), 'run', '--config', join(root, 'examples/careful-app/authfault.config.yaml'), '--output', out, '--reporter', 'json', '--driver', driver, '--workers', String(workers), '--trace', 'off', ...(grep ? ['--grep', grep] : [])];
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', DEBUG: '' } });
    child.on('error', fail);
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0;
      try {
        const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
        const notPass = report.scenarios.filter((s) => s.verdict !== 'pass').map((s) => `${s.id} ${s.verdict}`);
        if (code !== 0 || notPass.length > 0) return fail(new Error(`${root} ${driver}: exit ${code}, not passed: ${notPass.join(', ')}`));
        done({ wallMs, times: Object.fromEntries(report.scenarios.map((s) => [s.id, s.durationMs])) });
      } catch (error) {
        fail(error);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
}

const loadBefore = load();
const results = Object.fromEntries(drivers.map((d) => [d, { A: [], B: [] }]));
for (let r = 0; r < rounds; r++) {
  for (const driver of drivers) {
    for (const name of r % 2 === 0 ? ['A', 'B'] : ['B', 'A']) {
      const m = await run(resolve(builds[name]), driver);
      results[driver][name].push(m);
      log(`round ${r + 1}/${rounds} ${driver} ${name}: ${fixed(m.wallMs / 1000, 1)} s (load ${load()})`);
    }
  }
}

const lines = [`A = ${builds.A}, B = ${builds.B}; ${rounds} rounds, ${workers} workers; load average (1/5/15 min) before ${loadBefore}, after ${load()}`, ''];
for (const driver of drivers) {
  const { A, B } = results[driver];
  const wall = (ms) => ms.map((m) => fixed(m.wallMs / 1000, 1)).join(', ');
  lines.push(`### ${driver}, ${workers} workers`, '', `| build | wall s, each round | median wall s |`, '|---|---|---:|');
  lines.push(`| A | ${wall(A)} | **${fixed(median(A.map((m) => m.wallMs)) / 1000, 1)}** |`, `| B | ${wall(B)} | **${fixed(median(B.map((m) => m.wallMs)) / 1000, 1)}** |`, '');
  const ids = Object.keys(A[0].times);
  const med = (ms, id) => median(ms.map((m) => m.times[id]));
  const rows = ids.map((id) => ({ id, a: med(A, id), b: med(B, id) }));
  // The twelve that differ most, and those --only names.
  const most = [...rows].sort((x, y) => Math.abs(y.a - y.b) - Math.abs(x.a - x.b)).slice(0, 12);
  const shown = [...most, ...rows.filter((row) => only?.includes(row.id) && !most.includes(row))];
  lines.push(`| scenario | A ms | B ms | B − A ms |`, '|---|---:|---:|---:|');
  for (const row of shown) lines.push(`| ${row.id} | ${fixed(row.a)} | ${fixed(row.b)} | ${fixed(row.b - row.a)} |`);
  const sum = (key) => rows.reduce((s, row) => s + row[key], 0);
  lines.push('', `All ${rows.length} scenarios' own times added up (medians): A ${fixed(sum('a') / 1000, 1)} s, B ${fixed(sum('b') / 1000, 1)} s.`, '');
}
process.stdout.write(`${lines.join('\n')}\n`);
