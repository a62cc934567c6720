// client_credentials throughput: autocannon (in this process) against POST {issuer}/token with
// grant_type=client_credentials and HTTP Basic, for three targets, each a fresh child process:
//
//   plain       the plain oidc-provider baseline
//   authfault   `authfault idp`, fault engine loaded, no fault set
//   fault       `authfault idp` with one fault set that matches no token request (state.tampered
//               only acts at the authorize endpoint), so the engine selects and skips it per request
//   skew        `authfault idp` with clock.skew (+30 s) set: it matches every token response and
//               re-signs any JWT in it (client_credentials tokens are opaque, as the baseline's are)
//
//   node bench/throughput.mjs [--duration 5] [--rounds 3] [--connections 10] [--warmup 1]
import autocannon from 'autocannon';
import { join } from 'node:path';
import { BENCH_DIR, cpuMs, httpRequest, rssMiB, snapshotBuild, startServer, stopServer } from './lib/servers.mjs';
import { fixed, intArg, isMain, median, ratio } from './lib/stats.mjs';

// The config gives demo-app the baseline client's metadata; see the comment at its top for why.
export const AUTHFAULT_ARGS = ['--config', join(BENCH_DIR, 'throughput.config.yaml')];

export const TARGETS = {
  plain: { server: 'plain', label: 'plain oidc-provider', extraArgs: [] },
  authfault: { server: 'authfault', label: 'authfault, no fault', extraArgs: AUTHFAULT_ARGS },
  fault: { server: 'authfault', label: 'authfault, 1 non-matching fault', extraArgs: AUTHFAULT_ARGS, fault: { kind: 'state.tampered' } },
  skew: { server: 'authfault', label: 'authfault, clock.skew active', extraArgs: AUTHFAULT_ARGS, fault: { kind: 'clock.skew', seconds: 30 }, matches: true },
};
const ORDER = ['plain', 'authfault', 'fault', 'skew'];
export const THROUGHPUT_AIMS = { authfault: 0.9, fault: 0.85, skew: 0.85 };

function tokenRequest(info) {
  const client = info.clients?.find((c) => c.client_id === 'demo-app') ?? info.clients?.[0];
  if (!client?.client_secret) throw new Error(`no confidential client in the ready line: ${JSON.stringify(info.clients)}`);
  const basic = Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`).toString('base64');
  return {
    url: `${info.issuer}/token`,
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  };
}

async function setFault(server, fault) {
  const res = await httpRequest(`${server.info.admin}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  if (res.status !== 201) throw new Error(`POST ${server.info.admin}/faults answered ${res.status}: ${res.body}`);
  const listed = JSON.parse((await httpRequest(`${server.info.admin}/faults`)).body).faults;
  if (listed.length !== 1 || listed[0].kind !== fault.kind) throw new Error(`expected exactly the one fault set, the provider lists ${JSON.stringify(listed)}`);
}

async function faultCounters(server) {
  const [f] = JSON.parse((await httpRequest(`${server.info.admin}/faults`)).body).faults;
  return { matched: f.matched, applied: f.applied };
}

function cannon(req, { connections, duration }) {
  return autocannon({ ...req, connections, duration, timeout: 10 });
}

/** One measurement: fresh server, sanity request, warm-up, measured run, stop. */
async function measure(targetName, { connections, duration, warmup }) {
  const target = TARGETS[targetName];
  const server = await startServer(target.server, { extraArgs: target.extraArgs });
  try {
    if (target.fault) await setFault(server, target.fault);
    const req = tokenRequest(server.info);
    const probe = await httpRequest(req.url, req);
    if (probe.status !== 200 || !probe.body.includes('"access_token"')) throw new Error(`${target.label}: token request answered ${probe.status}: ${probe.body}`);
    if (warmup > 0) {
      const w = await cannon(req, { connections, duration: warmup });
      if (w.non2xx !== 0 || w.errors !== 0) throw new Error(`${target.label}: ${w.non2xx} non-2xx responses and ${w.errors} errors already in the warm-up (status codes ${JSON.stringify(w.statusCodeStats)})`);
    }
    const cpuBefore = await cpuMs(server.child.pid);
    const r = await cannon(req, { connections, duration });
    const cpuAfter = await cpuMs(server.child.pid);
    const run = {
      reqPerSec: r.requests.average,
      total: r.requests.total,
      p50: r.latency.p50,
      p99: r.latency.p99,
      non2xx: r.non2xx,
      cpuUsPerReq: cpuBefore === undefined ? undefined : ((cpuAfter - cpuBefore) * 1000) / r.requests.total,
      errors: r.errors,
      timeouts: r.timeouts,
      rssMiB: await rssMiB(server.child.pid),
      ...(target.fault ? { fault: await faultCounters(server) } : {}),
    };
    if (run.non2xx !== 0 || run.errors !== 0 || run.timeouts !== 0) {
      const codes = JSON.stringify(r.statusCodeStats);
      throw new Error(`${target.label}: ${run.non2xx} non-2xx responses, ${run.errors} errors, ${run.timeouts} timeouts (status codes ${codes}); a benchmark of failures measures nothing`);
    }
    if (run.fault && !target.matches && run.fault.applied !== 0) throw new Error(`${target.label}: the fault meant to match nothing was applied ${run.fault.applied} times`);
    return run;
  } finally {
    await stopServer(server);
  }
}

/** `rounds` rounds; each round measures every target once, the order rotating between rounds. */
export async function throughput({ duration = 5, rounds = 3, connections = 10, warmup = 1, log = () => {} } = {}) {
  snapshotBuild();
  const raw = Object.fromEntries(ORDER.map((name) => [name, []]));
  for (let i = 0; i < rounds; i++) {
    const order = [...ORDER.slice(i % ORDER.length), ...ORDER.slice(0, i % ORDER.length)];
    for (const name of order) {
      const run = await measure(name, { connections, duration, warmup });
      raw[name].push(run);
      log(`throughput ${i + 1}/${rounds} ${name}: ${fixed(run.reqPerSec)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms`);
    }
  }
  const stats = Object.fromEntries(
    Object.entries(raw).map(([name, runs]) => [
      name,
      {
        reqPerSec: median(runs.map((r) => r.reqPerSec)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
        cpuUsPerReq: median(runs.map((r) => r.cpuUsPerReq ?? NaN)),
      },
    ]),
  );
  for (const name of ORDER) {
    stats[name].ratio = ratio(stats[name].reqPerSec, stats.plain.reqPerSec);
    stats[name].cpuRatio = ratio(stats[name].cpuUsPerReq, stats.plain.cpuUsPerReq);
  }
  return { duration, rounds, connections, warmup, raw, stats };
}

export function throughputMarkdown(result) {
  const { stats, duration, rounds, connections, warmup } = result;
  const lines = [
    `### client_credentials throughput (autocannon, ${connections} connections, ${duration} s after a ${warmup} s warm-up, ${rounds} rounds interleaved, medians)`,
    '',
    '| target | req/s | p50 ms | p99 ms | non-2xx | req/s ÷ plain | aim | server CPU µs/req | CPU ÷ plain |',
    '|---|---:|---:|---:|---:|---:|---|---:|---:|',
  ];
  for (const name of ORDER) {
    const s = stats[name];
    const aim = THROUGHPUT_AIMS[name];
    const verdict = aim === undefined ? '–' : `≥ ${aim}×: ${s.ratio >= aim ? 'met' : '**missed**'}`;
    lines.push(`| ${TARGETS[name].label} | **${fixed(s.reqPerSec)}** | ${s.p50} | ${s.p99} | ${s.non2xx} | ${fixed(s.ratio, 2)}× | ${verdict} | ${fixed(s.cpuUsPerReq)} | ${fixed(s.cpuRatio, 2)}× |`);
  }
  return `${lines.join('\n')}\n`;
}

export function throughputRawMarkdown(result) {
  const lines = [
    '| round | target | req/s | requests | p50 ms | p99 ms | non-2xx | server CPU µs/req | server RSS MiB | fault matched/applied |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (let i = 0; i < result.rounds; i++) {
    const order = [...ORDER.slice(i % ORDER.length), ...ORDER.slice(0, i % ORDER.length)];
    for (const name of order) {
      const r = result.raw[name][i];
      lines.push(`| ${i + 1} | ${TARGETS[name].label} | ${fixed(r.reqPerSec)} | ${r.total} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${fixed(r.cpuUsPerReq)} | ${r.rssMiB ?? '–'} | ${r.fault ? `${r.fault.matched}/${r.fault.applied}` : '–'} |`);
    }
  }
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const result = await throughput({
    duration: intArg(argv, 'duration', 5),
    rounds: intArg(argv, 'rounds', 3),
    connections: intArg(argv, 'connections', 10),
    warmup: intArg(argv, 'warmup', 1, 0),
    log: (l) => process.stderr.write(`${l}\n`),
  });
  process.stdout.write(`${throughputMarkdown(result)}\n${throughputRawMarkdown(result)}\n`);
}
