// Runs the cold-start (with the first login) and throughput benchmarks and prints one Markdown
// section; with --write, puts it into bench/RESULTS.md as a dated section (a section of the same
// date is replaced).
//
//   node bench/run.mjs [--write] [--runs 9] [--duration 5] [--rounds 3]
//   npm run build && npm run bench -- --write
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { coldStart, coldStartMarkdown, coldStartRawMarkdown, LOGIN_ARGS } from './cold-start.mjs';
import { BENCH_DIR, commandLine, ROOT, snapshotBuild } from './lib/servers.mjs';
import { intArg } from './lib/stats.mjs';
import { AUTHFAULT_ARGS, throughput, throughputMarkdown, throughputRawMarkdown } from './throughput.mjs';

const argv = process.argv.slice(2);
const known = new Set(['--write', '--runs', '--duration', '--rounds']);
for (const [i, a] of argv.entries()) {
  const flag = a.split('=')[0];
  if (a.startsWith('--') && !known.has(flag)) throw new Error(`unknown option ${a}; known: ${[...known].join(', ')}`);
  if (!a.startsWith('--') && !known.has(argv[i - 1])) throw new Error(`unexpected argument ${a}`);
}
const write = argv.includes('--write');
const runs = intArg(argv, 'runs', 9);
const duration = intArg(argv, 'duration', 5);
const rounds = intArg(argv, 'rounds', 3);
const log = (line) => process.stderr.write(`${line}\n`);

const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const command = process.env.npm_lifecycle_event === 'bench' ? `npm run bench -- ${argv.join(' ')}`.trim().replace(/ --$/, '') : `node bench/run.mjs ${argv.join(' ')}`.trim();
const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
const head = git('rev-parse', '--short', 'HEAD');
const uncommitted = git('status', '--porcelain', '--', 'mock-provider', 'harness').split('\n').filter(Boolean).length;
snapshotBuild();
const started = new Date();
const loadBefore = load();

const cold = await coldStart({ runs, log });
const tput = await throughput({ duration, rounds, log });
const loadAfter = load();
const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1);

const date = started.toISOString().slice(0, 10);
const section = [
  `<!-- bench:${date} -->`,
  `## ${date}`,
  '',
  `- command: \`${command}\` (took ${minutes} min, started ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
  `- node ${process.version}, nproc ${nproc}, load average (1/5/15 min) before ${loadBefore}, after ${loadAfter}`,
  `- authfault built at ${head}${uncommitted ? ` with ${uncommitted} uncommitted file${uncommitted === 1 ? '' : 's'} in mock-provider/ and harness/` : ''}; dist/ copied once at start and run from the copy`,
  `- servers, each a fresh child process: \`${commandLine('plain')}\`; \`${commandLine('authfault')}\` (cold start), \`${commandLine('authfault', LOGIN_ARGS)}\` (cold start and first login) and \`${commandLine('authfault', AUTHFAULT_ARGS)}\` (throughput); autocannon runs in the driver process on the same cores`,
  '',
  coldStartMarkdown(cold),
  throughputMarkdown(tput),
  '<details><summary>Raw per-run numbers</summary>',
  '',
  coldStartRawMarkdown(cold),
  '',
  'Throughput, one row per measurement, in the order run:',
  '',
  throughputRawMarkdown(tput),
  '',
  '</details>',
  `<!-- /bench:${date} -->`,
].join('\n');

process.stdout.write(`${section}\n`);

if (write) {
  const file = join(BENCH_DIR, 'RESULTS.md');
  const header = '# Benchmark results\n\nRecorded by `npm run bench -- --write` (see README.md). Newest section last; only the ratios inside one section compare.\n';
  let text = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const pattern = new RegExp(`<!-- bench:${date} -->[\\s\\S]*?<!-- /bench:${date} -->\\n?`);
  text = pattern.test(text) ? text.replace(pattern, `${section}\n`) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  log(`wrote ${file}`);
}
