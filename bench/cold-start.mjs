// Cold start and first login, in the same interleaved runs, for `authfault idp` and the plain
// oidc-provider baseline (bench/plain-server.mjs), and the cold start of oauth2-mock-server
// (bench/oauth2-mock-server.mjs, started as its README shows):
//
//   cold start    just before spawn → the first 200 from GET {issuer}/.well-known/openid-configuration
//   first login   that 200 → a verified id_token, in the same process: a first authorization-code
//                 login over plain HTTP (lib/login.mjs), so it pays whatever a server defers to
//                 its first login (the first interaction, session and grant, the first JWT signed)
//
// Four processes per run: the plain server (both measures), oauth2-mock-server (cold start only;
// its /authorize signs no one in through a page, so there is no login to compare), `authfault idp --port 0 --json`
// (cold start only; the aim's measure, as a user starts it without a config file: its default
// client has no redirect URI, so it cannot log anyone in) and `authfault idp --port 0 --json
// --config bench/first-login.config.yaml` (both measures; the config registers the client a
// login needs, as a user's config file does).
//
//   node bench/cold-start.mjs [--runs 9] [--warmup 1]
import { join } from 'node:path';
import { authfaultFlow, firstLogin, LOGIN_CLIENT_ID, plainFlow, warmDriver } from './lib/login.mjs';
import { BENCH_DIR, commandLine, cpuMs, httpRequest, snapshotBuild, startServer, stopServer } from './lib/servers.mjs';
import { fixed, intArg, isMain, median, ratio, summary } from './lib/stats.mjs';

export const LOGIN_ARGS = ['--config', join(BENCH_DIR, 'first-login.config.yaml')];

export const TARGETS = {
  plain: { server: 'plain', label: 'plain oidc-provider', extraArgs: [], flow: plainFlow },
  authfault: { server: 'authfault', label: 'authfault idp', extraArgs: [] },
  authfaultLogin: { server: 'authfault', label: 'authfault idp --config', extraArgs: LOGIN_ARGS, flow: authfaultFlow },
  mockServer: { server: 'oauth2Mock', label: 'oauth2-mock-server', extraArgs: [] },
};
const ORDER = ['plain', 'mockServer', 'authfault', 'authfaultLogin'];
const LOGIN_TARGETS = ['plain', 'authfaultLogin'];

/** The commands, as a report shows them. */
export const coldStartCommands = () => Object.fromEntries(Object.entries(TARGETS).map(([k, t]) => [k, commandLine(t.server, t.extraArgs)]));

/** One process: spawn, ready line, GET discovery until 200 (bounded), then the first login if the target has one; stop. */
async function once(key) {
  const target = TARGETS[key];
  const server = await startServer(target.server, { extraArgs: target.extraArgs });
  try {
    const url = `${server.info.issuer}/.well-known/openid-configuration`;
    const deadline = performance.now() + 10_000;
    let last;
    let ok;
    // The ready line is printed after listen, so the first GET answers; retries only cover a
    // server that prints early. Bounded in count and in time.
    for (let attempt = 1; !ok && attempt <= 100 && performance.now() < deadline; attempt++) {
      try {
        last = await httpRequest(url);
        if (last.status === 200) {
          const firstOkAt = performance.now();
          ok = { readyMs: server.readyMs, firstOkMs: firstOkAt - server.t0, cpuMs: await cpuMs(server.child.pid), attempts: attempt, firstOkAt };
        }
      } catch (error) {
        last = { status: `error: ${error.message}` };
      }
    }
    if (!ok) throw new Error(`${target.label}: discovery never answered 200 (last: ${last?.status})`);
    const discovery = JSON.parse(last.body);
    if (!target.flow) return ok;
    const client = server.info.clients?.find((c) => c.client_id === LOGIN_CLIENT_ID);
    if (!client?.client_secret || !client.redirect_uris?.length) throw new Error(`${target.label}: no ${LOGIN_CLIENT_ID} client with a secret and a redirect URI in the ready line`);
    let login;
    try {
      login = await firstLogin({ discovery, client, flow: target.flow });
    } catch (error) {
      error.message = `${target.label}: first login failed: ${error.message}\n--- server stderr ---\n${server.stderr().trim()}`;
      throw error;
    }
    const doneAt = performance.now();
    return { ...ok, loginMs: doneAt - ok.firstOkAt, totalMs: doneAt - server.t0, cpuEndMs: await cpuMs(server.child.pid), steps: login.steps };
  } finally {
    await stopServer(server);
  }
}

/** Per run, the ms of each step label summed (a label can occur more than once in a login), and how often it occurred. */
function stepTotals(steps) {
  const totals = new Map();
  for (const [label, ms] of steps) {
    const t = totals.get(label) ?? { count: 0, ms: 0 };
    totals.set(label, { count: t.count + 1, ms: t.ms + ms });
  }
  return totals;
}

/**
 * Runs each target `runs` times, the order reversing every run (A B C, C B A, …), so drift in
 * machine load falls on all; `warmup` rounds first are discarded (file-system cache).
 */
export async function coldStart({ runs = 9, warmup = 1, log = () => {} } = {}) {
  snapshotBuild();
  await warmDriver();
  const raw = Object.fromEntries(ORDER.map((k) => [k, []]));
  for (let i = 0; i < warmup; i++) for (const key of ORDER) await once(key);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ORDER : [...ORDER].reverse();
    for (const key of order) {
      const r = await once(key);
      raw[key].push(r);
      const login = r.loginMs === undefined ? '' : `, login ${fixed(r.loginMs)} ms, spawn → id_token ${fixed(r.totalMs)} ms`;
      log(`run ${i + 1}/${runs} ${TARGETS[key].label}: cold start ${fixed(r.firstOkMs)} ms (ready line ${fixed(r.readyMs)} ms)${login}`);
    }
  }
  const stats = Object.fromEntries(
    Object.entries(raw).map(([key, rs]) => {
      const s = { firstOk: summary(rs.map((r) => r.firstOkMs)), ready: summary(rs.map((r) => r.readyMs)), cpu: summary(rs.map((r) => r.cpuMs ?? NaN)) };
      if (LOGIN_TARGETS.includes(key)) {
        Object.assign(s, { login: summary(rs.map((r) => r.loginMs)), total: summary(rs.map((r) => r.totalMs)), cpuEnd: summary(rs.map((r) => r.cpuEndMs ?? NaN)), cpuLogin: summary(rs.map((r) => (r.cpuEndMs ?? NaN) - (r.cpuMs ?? NaN))) });
        const perRun = rs.map((r) => stepTotals(r.steps));
        s.requests = median(rs.map((r) => r.steps.filter(([label]) => label !== 'verify id_token').length));
        s.steps = [...perRun[0].keys()].map((label) => ({ label, count: perRun[0].get(label).count, ms: median(perRun.map((t) => t.get(label)?.ms ?? NaN)) }));
      }
      return [key, s];
    }),
  );
  const r = (what, key = 'authfaultLogin') => ratio(stats[key][what].median, stats.plain[what].median);
  return {
    runs,
    warmup,
    raw,
    stats,
    ratio: r('firstOk', 'authfault'),
    cpuRatio: r('cpu', 'authfault'),
    mockServerRatio: ratio(stats.authfault.firstOk.median, stats.mockServer.firstOk.median),
    mockServerCpuRatio: ratio(stats.authfault.cpu.median, stats.mockServer.cpu.median),
    configRatio: r('firstOk'),
    loginRatio: r('login'),
    totalRatio: r('total'),
    cpuEndRatio: r('cpuEnd'),
    cpuLoginRatio: r('cpuLogin'),
  };
}

export const COLD_START_AIM = 1.2;

export function coldStartMarkdown(result) {
  const { stats, runs, warmup } = result;
  const cmd = coldStartCommands();
  const coldRow = (key) => {
    const s = stats[key];
    return `| ${TARGETS[key].label} | ${fixed(s.firstOk.min)} | **${fixed(s.firstOk.median)}** | ${fixed(s.firstOk.max)} | ${fixed(s.ready.median)} | ${fixed(s.cpu.median)} |`;
  };
  const loginRow = (key) => {
    const s = stats[key];
    return `| ${TARGETS[key].label} | ${s.requests} | ${fixed(s.login.min)} | **${fixed(s.login.median)}** | ${fixed(s.login.max)} | ${fixed(s.total.min)} | **${fixed(s.total.median)}** | ${fixed(s.total.max)} | ${fixed(s.cpuEnd.median)} | ${fixed(s.cpuLogin.median)} |`;
  };
  const labels = [...new Set(LOGIN_TARGETS.flatMap((k) => stats[k].steps.map((st) => st.label)))];
  const stepCell = (key, label) => {
    const st = stats[key].steps.find((x) => x.label === label);
    return st ? `${fixed(st.ms)}${st.count > 1 ? ` (${st.count} requests)` : ''}` : '–';
  };
  const ok = result.ratio <= COLD_START_AIM;
  return [
    `### Cold start and first login (${runs} runs each, interleaved, the order reversing every run, ${warmup} warm-up round${warmup === 1 ? '' : 's'} discarded)`,
    '',
    `Processes: \`${cmd.plain}\` (both measures); \`${cmd.mockServer}\` (cold start only); \`${cmd.authfault}\` (cold start, the aim's measure: no config file); \`${cmd.authfaultLogin}\` (both measures; the config registers the login's client).`,
    '',
    '**Cold start**: spawn → first discovery 200',
    '',
    '| server | min ms | median ms | max ms | ready line, median ms | process CPU ms by the 200, median |',
    '|---|---:|---:|---:|---:|---:|',
    coldRow('plain'),
    coldRow('mockServer'),
    coldRow('authfault'),
    coldRow('authfaultLogin'),
    '',
    `Ratio of medians, authfault ÷ plain: **${fixed(result.ratio, 2)}×** (aim ≤ ${COLD_START_AIM}×: ${ok ? 'met' : '**missed**'}); process CPU time used by the first 200, authfault ÷ plain: ${fixed(result.cpuRatio, 2)}×. With the config file: ${fixed(result.configRatio, 2)}× (not the aim's measure). authfault ÷ oauth2-mock-server: **${fixed(result.mockServerRatio, 2)}×** (aim ≤ 1×: ${result.mockServerRatio <= 1 ? 'met' : '**missed**'}), in CPU ${fixed(result.mockServerCpuRatio, 2)}×.`,
    '',
    '**First login**: discovery 200 → verified id_token, in the same process (authorize with PKCE → login page → login → consent if asked → code → token → JWKS → jose verification)',
    '',
    '| server | HTTP requests | login min ms | login median ms | login max ms | spawn → id_token min ms | spawn → id_token median ms | spawn → id_token max ms | process CPU ms at the id_token, median | process CPU ms during the login, median |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    loginRow('plain'),
    loginRow('authfaultLogin'),
    '',
    `Ratios of medians, authfault ÷ plain: first login **${fixed(result.loginRatio, 2)}×**, spawn → id_token **${fixed(result.totalRatio, 2)}×**, process CPU at the id_token ${fixed(result.cpuEndRatio, 2)}×, process CPU during the login ${fixed(result.cpuLoginRatio, 2)}× (no aim set for the login; CPU is read from /proc in 10 ms ticks).`,
    '',
    'Where the first login spends its time, medians of each step in ms (a step that occurs more than once in a login is summed):',
    '',
    '| step | plain oidc-provider | authfault idp --config |',
    '|---|---:|---:|',
    ...labels.map((label) => `| ${label} | ${stepCell('plain', label)} | ${stepCell('authfaultLogin', label)} |`),
    '',
  ].join('\n');
}

export function coldStartRawMarkdown(result) {
  const both = (r) => `${fixed(r.firstOkMs)} / ${fixed(r.loginMs)} / ${fixed(r.totalMs)} (${fixed(r.cpuMs)}; ${fixed(r.cpuEndMs)})`;
  const lines = [
    'Per run: cold start / first login / spawn → id_token in ms (in brackets: the CPU ms the process had used by the discovery 200 and by the id_token); for oauth2-mock-server and `authfault idp` without a config, the cold start (in brackets: the ready line and the CPU ms by the 200).',
    '',
    '| run | plain oidc-provider | oauth2-mock-server | authfault idp | authfault idp --config |',
    '|---:|---:|---:|---:|---:|',
  ];
  for (let i = 0; i < result.runs; i++) {
    const cold = (r) => `${fixed(r.firstOkMs)} (${fixed(r.readyMs)}; ${fixed(r.cpuMs)})`;
    lines.push(`| ${i + 1}${i % 2 ? ' (reversed)' : ''} | ${both(result.raw.plain[i])} | ${cold(result.raw.mockServer[i])} | ${cold(result.raw.authfault[i])} | ${both(result.raw.authfaultLogin[i])} |`);
  }
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const result = await coldStart({ runs: intArg(argv, 'runs', 9), warmup: intArg(argv, 'warmup', 1, 0), log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${coldStartMarkdown(result)}\n${coldStartRawMarkdown(result)}\n`);
}
