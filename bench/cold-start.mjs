// Cold start: from just before spawn to the first 200 from GET {issuer}/.well-known/openid-configuration,
// for `authfault idp --port 0 --json` and the plain oidc-provider baseline, interleaved.
//
//   node bench/cold-start.mjs [--runs 9] [--warmup 1]
import { cpuMs, httpRequest, SERVERS, snapshotBuild, startServer, stopServer } from './lib/servers.mjs';
import { fixed, intArg, isMain, ratio, summary } from './lib/stats.mjs';

const ORDER = ['plain', 'authfault'];

/** One cold start: spawn, wait for the ready line, GET discovery until 200 (bounded), stop. */
async function once(name) {
  const server = await startServer(name);
  try {
    const url = `${server.info.issuer}/.well-known/openid-configuration`;
    const deadline = performance.now() + 10_000;
    let last;
    // The ready line is printed after listen, so the first GET answers; retries only cover a
    // server that prints early. Bounded in count and in time.
    for (let attempt = 1; attempt <= 100 && performance.now() < deadline; attempt++) {
      try {
        last = await httpRequest(url);
        if (last.status === 200) {
          const firstOkMs = performance.now() - server.t0;
          const cpu = await cpuMs(server.child.pid);
          JSON.parse(last.body);
          return { readyMs: server.readyMs, firstOkMs, cpuMs: cpu, attempts: attempt };
        }
      } catch (error) {
        last = { status: `error: ${error.message}` };
      }
    }
    throw new Error(`${SERVERS[name].label}: discovery never answered 200 (last: ${last?.status})`);
  } finally {
    await stopServer(server);
  }
}

/**
 * Runs each server `runs` times in pairs whose order alternates (A B, B A, A B, …), so drift in
 * machine load falls on both; `warmup` pairs first are discarded (file-system cache).
 */
export async function coldStart({ runs = 9, warmup = 1, log = () => {} } = {}) {
  snapshotBuild();
  const raw = { plain: [], authfault: [] };
  for (let i = 0; i < warmup; i++) for (const name of ORDER) await once(name);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ORDER : [...ORDER].reverse();
    for (const name of order) {
      const r = await once(name);
      raw[name].push(r);
      log(`cold start ${i + 1}/${runs} ${name}: ${fixed(r.firstOkMs)} ms (ready line ${fixed(r.readyMs)} ms)`);
    }
  }
  const stats = Object.fromEntries(
    Object.entries(raw).map(([name, rs]) => [
      name,
      { firstOk: summary(rs.map((r) => r.firstOkMs)), ready: summary(rs.map((r) => r.readyMs)), cpu: summary(rs.map((r) => r.cpuMs ?? NaN)) },
    ]),
  );
  return {
    runs,
    warmup,
    raw,
    stats,
    ratio: ratio(stats.authfault.firstOk.median, stats.plain.firstOk.median),
    cpuRatio: ratio(stats.authfault.cpu.median, stats.plain.cpu.median),
  };
}

export const COLD_START_AIM = 1.2;

export function coldStartMarkdown(result) {
  const { stats, runs, warmup } = result;
  const row = (name) => {
    const s = stats[name];
    return `| ${SERVERS[name].label} | ${fixed(s.firstOk.min)} | **${fixed(s.firstOk.median)}** | ${fixed(s.firstOk.max)} | ${fixed(s.ready.median)} | ${fixed(s.cpu.median)} |`;
  };
  const ok = result.ratio <= COLD_START_AIM;
  return [
    `### Cold start: spawn → first discovery 200 (${runs} runs each, interleaved, ${warmup} warm-up pair${warmup === 1 ? '' : 's'} discarded)`,
    '',
    '| server | min ms | median ms | max ms | ready line, median ms | process CPU ms, median |',
    '|---|---:|---:|---:|---:|---:|',
    row('plain'),
    row('authfault'),
    '',
    `Ratio of medians, authfault ÷ plain: **${fixed(result.ratio, 2)}×** (aim ≤ ${COLD_START_AIM}×: ${ok ? 'met' : '**missed**'}); process CPU time used by the first 200, authfault ÷ plain: ${fixed(result.cpuRatio, 2)}×`,
    '',
  ].join('\n');
}

export function coldStartRawMarkdown(result) {
  const lines = ['| run | plain ms (ready; CPU) | authfault ms (ready; CPU) |', '|---:|---:|---:|'];
  for (let i = 0; i < result.runs; i++) {
    const p = result.raw.plain[i];
    const a = result.raw.authfault[i];
    lines.push(`| ${i + 1}${i % 2 ? ' (authfault first)' : ''} | ${fixed(p.firstOkMs)} (${fixed(p.readyMs)}; ${fixed(p.cpuMs)}) | ${fixed(a.firstOkMs)} (${fixed(a.readyMs)}; ${fixed(a.cpuMs)}) |`);
  }
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const result = await coldStart({ runs: intArg(argv, 'runs', 9), warmup: intArg(argv, 'warmup', 1, 0), log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${coldStartMarkdown(result)}\n${coldStartRawMarkdown(result)}\n`);
}
