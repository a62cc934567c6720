// What a scenario costs, by driver, whole-process: `authfault run` against examples/careful-app
// as a user runs it, and a raw Playwright login (bench/raw-login.mjs) as the baseline, in the
// same run. Two measurements:
//
//   one scenario   the marginal cost of a scenario: each target runs 1 and then K logins
//                  (K copies of controls/happy-path.yaml; K new-context logins for the raw
//                  baseline), and (K run − 1 run) ÷ (K − 1) takes away what every process pays
//                  once (node, the provider and the app starting, Chromium launching); the http
//                  driver runs K × 5, its scenarios being too short for K to rise above the
//                  noise of a process start. Targets:
//                  raw Playwright login, authfault browser driver (default trace
//                  retain-on-failure), authfault browser driver --trace off, authfault http
//                  driver. Rounds interleave the targets, the order rotating.
//   bundled suite  the whole bundled suite against careful-app, browser and http, 1 and 2
//                  workers: wall time, CPU per scenario, and each scenario's own time (from
//                  report.json), sorted, so the next slowest place is visible.
//   single         the loop of a team fixing one flaw: `authfault run --config … --grep
//                  ^state-tampered$` as a whole process (the config's whole suite loaded,
//                  one scenario run, the default reporters), browser and http, beside a raw
//                  script that starts the same provider, app and Chromium and logs in once
//                  (raw-login.mjs --logins 1). Rounds interleave, the order rotating.
//
// CPU is the whole process tree's (user + system of the process and every descendant it waited
// for, from the shell's `times`): the CLI, Playwright's runner and workers, Chromium, the app.
//
//   node bench/suite.mjs [--runs 3] [--k 20] [--suite-runs 3] [--suite-workers 4,…] [--single-runs 5] [--only one|suite|single] [--label NAME] [--write]
//   npm run build && node bench/suite.mjs --write
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, ROOT } from './lib/servers.mjs';
import { fixed, intArg, median, ratio } from './lib/stats.mjs';

const argv = process.argv.slice(2);
const known = new Set(['--write', '--runs', '--k', '--suite-runs', '--suite-workers', '--single-runs', '--only', '--label']);
for (const [i, a] of argv.entries()) {
  const flag = a.split('=')[0];
  if (a.startsWith('--') && !known.has(flag)) throw new Error(`unknown option ${a}; known: ${[...known].join(', ')}`);
  if (!a.startsWith('--') && !known.has(argv[i - 1])) throw new Error(`unexpected argument ${a}`);
}
const write = argv.includes('--write');
const runs = intArg(argv, 'runs', 3);
const K = intArg(argv, 'k', 20, 2);
const HTTP_K = K * 5;
const suiteRuns = intArg(argv, 'suite-runs', 3);
const singleRuns = intArg(argv, 'single-runs', 5);
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
if (only !== undefined && !['one', 'suite', 'single'].includes(only)) throw new Error(`--only takes one, suite or single, got ${only}`);
const part = (name) => only === undefined || only === name;
/** A comma-separated list of whole numbers after --name, e.g. --suite-workers 3,4. */
function listArg(name) {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return [];
  const list = String(argv[at + 1] ?? '').split(',').map(Number);
  if (list.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--${name} takes whole numbers ≥ 1 separated by commas, got ${argv[at + 1]}`);
  return list;
}
const labelAt = argv.indexOf('--label');
// A label keeps two sections of one day apart (a build before a change and after it).
const label = labelAt >= 0 ? argv[labelAt + 1] : undefined;
const log = (line) => process.stderr.write(`${line}\n`);

// Run from a copy taken once (others rebuild dist/ while they work): dist/, the bundled suite,
// the example configs (whose `../../dist/…` commands then start the copied apps) and package.json.
// One folder per benchmark process, so two of them (a build before and after a change) can run.
const SNAPSHOT = join(BENCH_DIR, '.snapshot-suite', String(process.pid));
const CLI = join(SNAPSHOT, 'dist/harness/cli/main.js');
const CONFIG = join(SNAPSHOT, 'examples/careful-app/authfault.config.yaml');
function snapshot() {
  if (!existsSync(join(ROOT, 'dist/harness/cli/main.js'))) throw new Error('dist/ is missing; run `npm run build` first');
  rmSync(SNAPSHOT, { recursive: true, force: true });
  cpSync(join(ROOT, 'dist'), join(SNAPSHOT, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'scenarios'), join(SNAPSHOT, 'scenarios'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(SNAPSHOT, 'package.json'));
  mkdirSync(join(SNAPSHOT, 'examples/careful-app'), { recursive: true });
  cpSync(join(ROOT, 'examples/careful-app/authfault.config.yaml'), CONFIG);
}

/** A folder holding n copies of the happy path, with ids happy-path-1 … happy-path-n. */
function happyPaths(n) {
  const dir = mkdtempSync(join(tmpdir(), `authfault-bench-${n}-`));
  const text = readFileSync(join(SNAPSHOT, 'scenarios/controls/happy-path.yaml'), 'utf8');
  for (let i = 1; i <= n; i++) writeFileSync(join(dir, `happy-path-${i}.yaml`), text.replace(/^id: happy-path$/m, `id: happy-path-${i}`));
  return dir;
}

/**
 * One whole process, through `sh -c '…; times'`: wall ms from spawn to exit, and the CPU ms of
 * the process tree (the shell's children times). Resolves with the exit code too.
 */
function measure(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/bin/sh', ['-c', '"$@" >/dev/null 2>&1 </dev/null; s=$?; times; exit $s', 'sh', process.execPath, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', DEBUG: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0;
      const children = out.trim().split('\n')[1]?.match(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/);
      if (!children) return reject(new Error(`no CPU times from the shell: ${out}`));
      const cpuMs = (Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4])) * 1000;
      resolve({ code, wallMs, cpuMs });
    });
  });
}

/**
 * `authfault run` with these options (`--reporter json` unless they name reporters); checks the
 * report (careful-app passes everything) and returns the measurement, with each scenario's time.
 */
async function authfault(paths, options, expected) {
  const out = mkdtempSync(join(tmpdir(), 'authfault-bench-out-'));
  try {
    const reporter = options.includes('--reporter') ? [] : ['--reporter', 'json'];
    const m = await measure([CLI, 'run', '--config', CONFIG, '--output', out, ...reporter, ...options, ...paths]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const notPass = report.scenarios.filter((s) => s.verdict !== 'pass');
    if (m.code !== 0 || report.summary.total !== expected || notPass.length > 0) {
      throw new Error(`authfault run ${options.join(' ')}: exit ${m.code}, ${report.summary.total} of ${expected} scenarios, not passed: ${notPass.map((s) => `${s.id} ${s.verdict}`).join(', ')}`);
    }
    return { ...m, scenarios: report.summary.total, driver: report.run.driver, times: Object.fromEntries(report.scenarios.map((s) => [s.id, s.durationMs])) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const ONE = {
  raw: { k: K, label: 'raw Playwright login (new context and page each)', run: async (n) => {
    const m = await measure([join(BENCH_DIR, 'raw-login.mjs'), '--dist', join(SNAPSHOT, 'dist'), '--config', CONFIG, '--logins', String(n)]);
    if (m.code !== 0) throw new Error(`raw-login.mjs --logins ${n} exited ${m.code}`);
    return m;
  } },
  browser: { k: K, label: 'authfault, browser driver (default: --trace retain-on-failure)', run: (n) => authfault([happy[n]], ['--workers', '1', '--driver', 'browser'], n) },
  untraced: { k: K, label: 'authfault, browser driver, --trace off', run: (n) => authfault([happy[n]], ['--workers', '1', '--driver', 'browser', '--trace', 'off'], n) },
  http: { k: HTTP_K, label: 'authfault, http driver', run: (n) => authfault([happy[n]], ['--workers', '1', '--driver', 'http'], n) },
};
const ONE_ORDER = ['raw', 'browser', 'untraced', 'http'];
const happy = {};

async function oneScenario() {
  for (const n of [1, K, HTTP_K]) happy[n] = happyPaths(n);
  const raw = Object.fromEntries(ONE_ORDER.map((t) => [t, []]));
  // One warm-up round, discarded: it pays for a cold file-system cache.
  for (const t of ONE_ORDER) await ONE[t].run(1);
  for (let r = 0; r < runs; r++) {
    const order = ONE_ORDER.map((_, i) => ONE_ORDER[(i + r) % ONE_ORDER.length]);
    for (const t of order) {
      const { k } = ONE[t];
      const one = await ONE[t].run(1);
      const many = await ONE[t].run(k);
      const row = { one, many, wallPer: (many.wallMs - one.wallMs) / (k - 1), cpuPer: (many.cpuMs - one.cpuMs) / (k - 1) };
      raw[t].push(row);
      log(`one scenario, round ${r + 1}/${runs}, ${t}: ${fixed(row.wallPer)} ms and ${fixed(row.cpuPer)} ms CPU per scenario (1: ${fixed(one.wallMs)} ms, ${k}: ${fixed(many.wallMs)} ms)`);
    }
  }
  const stats = Object.fromEntries(
    ONE_ORDER.map((t) => [
      t,
      { wallPer: median(raw[t].map((x) => x.wallPer)), cpuPer: median(raw[t].map((x) => x.cpuPer)), oneWall: median(raw[t].map((x) => x.one.wallMs)), oneCpu: median(raw[t].map((x) => x.one.cpuMs)) },
    ]),
  );
  return { raw, stats };
}

const SINGLE = {
  raw: { label: 'raw script: the same provider, app and Chromium, one login (`raw-login.mjs --logins 1`)', run: async () => {
    const m = await measure([join(BENCH_DIR, 'raw-login.mjs'), '--dist', join(SNAPSHOT, 'dist'), '--config', CONFIG, '--logins', '1']);
    if (m.code !== 0) throw new Error(`raw-login.mjs --logins 1 exited ${m.code}`);
    return m;
  } },
  browser: { label: '`authfault run --grep ^state-tampered$` (browser driver, default reporters)', run: () => authfault([], ['--grep', '^state-tampered$', '--reporter', 'list,json,junit,html'], 1) },
  http: { label: '`authfault run --grep ^state-tampered$ --driver http`', run: () => authfault([], ['--grep', '^state-tampered$', '--reporter', 'list,json,junit,html', '--driver', 'http'], 1) },
};
const SINGLE_ORDER = ['raw', 'browser', 'http'];

async function singleScenario() {
  const raw = Object.fromEntries(SINGLE_ORDER.map((t) => [t, []]));
  for (const t of SINGLE_ORDER) await SINGLE[t].run();
  for (let r = 0; r < singleRuns; r++) {
    const order = SINGLE_ORDER.map((_, i) => SINGLE_ORDER[(i + r) % SINGLE_ORDER.length]);
    for (const t of order) {
      const m = await SINGLE[t].run();
      raw[t].push(m);
      log(`single scenario, round ${r + 1}/${singleRuns}, ${t}: ${fixed(m.wallMs)} ms wall, ${fixed(m.cpuMs)} ms CPU`);
    }
  }
  const stats = Object.fromEntries(SINGLE_ORDER.map((t) => [t, { wall: median(raw[t].map((m) => m.wallMs)), cpu: median(raw[t].map((m) => m.cpuMs)), min: Math.min(...raw[t].map((m) => m.wallMs)) }]));
  return { raw, stats };
}

// Worker counts the bundled suite runs with, each in both drivers; 1 and 2 always (the per-scenario
// table is read from the 1-worker runs, the aims are judged on 2 workers: this machine's cores).
const SUITE = [...new Set([1, 2, ...listArg('suite-workers')])].flatMap((workers) => ['browser', 'http'].map((driver) => ({ driver, workers })));

async function bundledSuite() {
  const count = readdirSync(join(SNAPSHOT, 'scenarios'), { recursive: true }).filter((f) => String(f).endsWith('.yaml')).length;
  const raw = SUITE.map(() => []);
  for (let r = 0; r < suiteRuns; r++) {
    for (let j = 0; j < SUITE.length; j++) {
      const i = (j + r) % SUITE.length;
      const { driver, workers } = SUITE[i];
      const m = await authfault([], ['--workers', String(workers), '--driver', driver], count);
      raw[i].push(m);
      log(`bundled suite, round ${r + 1}/${suiteRuns}, ${driver} × ${workers}: ${fixed(m.wallMs / 1000, 1)} s, ${fixed(m.cpuMs / count)} ms CPU per scenario`);
    }
  }
  return { count, raw, stats: raw.map((rs) => ({ wall: median(rs.map((m) => m.wallMs)), cpu: median(rs.map((m) => m.cpuMs)) })) };
}

export const AIMS = { browserOverRaw: 1, browserOverHttp: 10, singleMs: 2500, singleOverRaw: 1.5, suiteBrowserS: 45, suiteHttpS: 15 };
const met = (ok) => (ok ? 'met' : '**missed**');

function singleMarkdown({ stats }) {
  const row = (t) => `| ${SINGLE[t].label} | ${fixed(stats[t].min)} | **${fixed(stats[t].wall)}** | ${fixed(stats[t].cpu)} |`;
  const over = ratio(stats.browser.wall, stats.raw.wall);
  return [
    `### One scenario, whole process: spawn → exit, medians of ${singleRuns} rounds, interleaved, 1 warm-up round discarded`,
    '',
    '| process | min wall ms | median wall ms | median CPU ms (process tree) |',
    '|---|---:|---:|---:|',
    ...SINGLE_ORDER.map(row),
    '',
    `- authfault, browser driver: **${fixed(stats.browser.wall)} ms** (aim ≤ ${AIMS.singleMs} ms: ${met(stats.browser.wall <= AIMS.singleMs)}); ÷ the raw script: **${fixed(over, 2)}×** wall, ${fixed(ratio(stats.browser.cpu, stats.raw.cpu), 2)}× CPU (aim ≤ ${AIMS.singleOverRaw}×: ${met(over <= AIMS.singleOverRaw)})`,
    `- authfault, http driver: ${fixed(stats.http.wall)} ms, ${fixed(ratio(stats.http.wall, stats.raw.wall), 2)}× the raw script`,
    '',
  ].join('\n');
}

function singleRawMarkdown({ raw }) {
  const lines = ['| round | ' + SINGLE_ORDER.join(' | ') + ' |', '|---:|' + SINGLE_ORDER.map(() => '---:').join('|') + '|'];
  for (let r = 0; r < singleRuns; r++) lines.push(`| ${r + 1} | ${SINGLE_ORDER.map((t) => `${fixed(raw[t][r].wallMs)} (${fixed(raw[t][r].cpuMs)})`).join(' | ')} |`);
  return lines.join('\n');
}

function oneMarkdown({ stats }) {
  const row = (t) => `| ${ONE[t].label} | **${fixed(stats[t].wallPer)}** | ${fixed(stats[t].cpuPer)} | ${fixed(stats[t].oneWall)} | ${fixed(stats[t].oneCpu)} |`;
  const overRaw = ratio(stats.browser.wallPer, stats.raw.wallPer);
  const overRawCpu = ratio(stats.browser.cpuPer, stats.raw.cpuPer);
  const overHttp = ratio(stats.browser.wallPer, stats.http.wallPer);
  const overHttpCpu = ratio(stats.browser.cpuPer, stats.http.cpuPer);
  return [
    `### One scenario: controls/happy-path, (K in one process − 1) ÷ (K − 1) with K = ${K} (http driver: ${HTTP_K}), medians of ${runs} rounds, interleaved, 1 warm-up round discarded`,
    '',
    '| target | wall ms per scenario | CPU ms per scenario | 1 scenario, whole process: wall ms | CPU ms |',
    '|---|---:|---:|---:|---:|',
    ...ONE_ORDER.map(row),
    '',
    `- browser driver ÷ raw Playwright login: **${fixed(overRaw, 2)}×** wall, ${fixed(overRawCpu, 2)}× CPU (aim ≤ ${AIMS.browserOverRaw}×: ${met(overRaw <= AIMS.browserOverRaw)}); with --trace off: ${fixed(ratio(stats.untraced.wallPer, stats.raw.wallPer), 2)}× wall, ${fixed(ratio(stats.untraced.cpuPer, stats.raw.cpuPer), 2)}× CPU`,
    `- browser driver ÷ http driver: **${fixed(overHttp, 1)}×** wall, ${fixed(overHttpCpu, 1)}× CPU (aim ≥ ${AIMS.browserOverHttp}×: ${met(overHttp >= AIMS.browserOverHttp)})`,
    '',
  ].join('\n');
}

function oneRawMarkdown({ raw }) {
  const lines = ['| round | target | 1 scenario: wall ms (CPU ms) | K scenarios: wall ms (CPU ms) | per scenario: wall ms (CPU ms) |', '|---:|---|---:|---:|---:|'];
  for (let r = 0; r < runs; r++) {
    for (const t of ONE_ORDER) {
      const x = raw[t][r];
      lines.push(`| ${r + 1} | ${t} | ${fixed(x.one.wallMs)} (${fixed(x.one.cpuMs)}) | ${ONE[t].k}: ${fixed(x.many.wallMs)} (${fixed(x.many.cpuMs)}) | ${fixed(x.wallPer)} (${fixed(x.cpuPer)}) |`);
    }
  }
  return lines.join('\n');
}

function suiteMarkdown({ count, stats, raw }) {
  const at = (driver, workers) => stats[SUITE.findIndex((c) => c.driver === driver && c.workers === workers)].wall / 1000;
  const times = (driver) => {
    const runs = raw[SUITE.findIndex((c) => c.driver === driver && c.workers === 1)];
    return (id) => median(runs.map((m) => m.times[id] ?? NaN));
  };
  const browser = times('browser');
  const http = times('http');
  const ids = Object.keys(raw[0][0].times).sort((a, b) => browser(b) - browser(a) || a.localeCompare(b));
  const total = ids.reduce((sum, id) => sum + browser(id), 0);
  return [
    `### The bundled suite against careful-app: ${count} scenarios, whole process, medians of ${suiteRuns} run${suiteRuns === 1 ? '' : 's'}`,
    '',
    '| driver | workers | wall s | wall ms per scenario | CPU ms per scenario |',
    '|---|---:|---:|---:|---:|',
    ...SUITE.map(({ driver, workers }, i) => `| ${driver} | ${workers} | **${fixed(stats[i].wall / 1000, 1)}** | ${fixed(stats[i].wall / count)} | ${fixed(stats[i].cpu / count)} |`),
    '',
    `- browser driver, 2 workers: **${fixed(at('browser', 2), 1)} s** (aim ≤ ${AIMS.suiteBrowserS} s: ${met(at('browser', 2) <= AIMS.suiteBrowserS)}); http driver, 2 workers: **${fixed(at('http', 2), 1)} s** (aim ≤ ${AIMS.suiteHttpS} s: ${met(at('http', 2) <= AIMS.suiteHttpS)})`,
    ...SUITE.filter((c) => c.workers > 2).map(({ driver, workers }) => `- ${driver} driver, ${workers} workers on these ${nproc} cores: **${fixed(at(driver, workers), 1)} s** (aim ${driver === 'http' ? `≤ ${AIMS.suiteHttpS}` : `≤ ${AIMS.suiteBrowserS}`} s: ${met(at(driver, workers) <= (driver === 'http' ? AIMS.suiteHttpS : AIMS.suiteBrowserS))})`),
    '',
    `The suite includes scenarios that wait on purpose (a \`wait\` for a token to expire, Retry-After windows, a provider that hangs until the app gives up): their time is the same in both drivers and bounds how much faster the http driver can make a whole run.`,
    '',
    `Each scenario's own time (report.json's durationMs: from the test's start to its verdict, the worker's start-up included in its first scenario), 1 worker, median of ${suiteRuns} run${suiteRuns === 1 ? '' : 's'}, slowest first; the browser column adds up to ${fixed(total / 1000, 1)} s:`,
    '',
    '| scenario | browser ms | http ms |',
    '|---|---:|---:|',
    ...ids.map((id) => `| ${id} | ${fixed(browser(id))} | ${fixed(http(id))} |`),
    '',
  ].join('\n');
}

function suiteRawMarkdown({ raw }) {
  const lines = ['| run | driver | workers | wall s | CPU s |', '|---:|---|---:|---:|---:|'];
  raw.forEach((rs, i) => rs.forEach((m, r) => lines.push(`| ${r + 1} | ${SUITE[i].driver} | ${SUITE[i].workers} | ${fixed(m.wallMs / 1000, 1)} | ${fixed(m.cpuMs / 1000, 1)} |`)));
  return lines.join('\n');
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const command = `node bench/suite.mjs ${argv.join(' ')}`.trim();
const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
const head = git('rev-parse', '--short', 'HEAD');
const uncommitted = git('status', '--porcelain', '--', 'mock-provider', 'harness', 'examples').split('\n').filter(Boolean).length;
snapshot();
const started = new Date();
const loadBefore = load();
const single = part('single') ? await singleScenario() : undefined;
const one = part('one') ? await oneScenario() : undefined;
const suite = part('suite') ? await bundledSuite() : undefined;
const loadAfter = load();
const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1);
const browser = execFileSync(process.execPath, ['-e', `import(${JSON.stringify(join(SNAPSHOT, 'dist/harness/browser/find-browser.js'))}).then((m) => console.log(JSON.stringify(m.findBrowser())))`], { encoding: 'utf8' }).trim();

const date = started.toISOString().slice(0, 10) + (label ? ` ${label}` : '');
const section = [
  `<!-- bench-suite:${date} -->`,
  `## ${date}: scenarios by driver (bench/suite.mjs)`,
  '',
  `- command: \`${command}\` (took ${minutes} min, started ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
  `- node ${process.version}, nproc ${nproc}, load average (1/5/15 min) before ${loadBefore}, after ${loadAfter}; Chromium: ${browser}`,
  `- authfault built at ${head}${uncommitted ? ` with ${uncommitted} uncommitted file${uncommitted === 1 ? '' : 's'} in mock-provider/, harness/ and examples/` : ''}; dist/, scenarios/ and the careful-app config copied once at start to bench/.snapshot-suite/ and run from there`,
  `- each measurement is one process: \`node dist/harness/cli/main.js run --config examples/careful-app/authfault.config.yaml --reporter json --driver … --workers …\`, or \`node bench/raw-login.mjs\`; every run must pass every scenario it ran, or the benchmark fails`,
  '',
  ...(single ? [singleMarkdown(single)] : []),
  ...(one ? [oneMarkdown(one)] : []),
  ...(suite ? [suiteMarkdown(suite)] : []),
  '<details><summary>Raw numbers</summary>',
  '',
  ...(single ? ['One scenario, whole process, wall ms (CPU ms), in rounds (targets rotate each round):', '', singleRawMarkdown(single), ''] : []),
  ...(one ? ['One scenario, in the order run (targets rotate each round):', '', oneRawMarkdown(one), ''] : []),
  ...(suite ? ['Bundled suite:', '', suiteRawMarkdown(suite), ''] : []),
  '</details>',
  `<!-- /bench-suite:${date} -->`,
].join('\n');

process.stdout.write(`${section}\n`);
for (const dir of Object.values(happy)) rmSync(dir, { recursive: true, force: true });
rmSync(SNAPSHOT, { recursive: true, force: true });

if (write) {
  const file = join(BENCH_DIR, 'RESULTS.md');
  let text = readFileSync(file, 'utf8');
  const marker = date.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`<!-- bench-suite:${marker} -->[\\s\\S]*?<!-- /bench-suite:${marker} -->\\n?`);
  text = pattern.test(text) ? text.replace(pattern, `${section}\n`) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  log(`wrote ${file}`);
}
