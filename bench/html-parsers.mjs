// The HTML parsers the http driver could read pages with, on the pages it really reads: the
// example apps' (careful-app, naive-app, eoc-app: home, signed in, every named page, after
// logout) and the provider's own (login, consent, logout), fetched live from apps and providers
// started as a runner worker starts them. Per page, the median time of each parser building its
// tree, and of the whole job on top (visible text + forms) for the one in use; and the time a
// fresh process takes to import each (median of 5 processes).
//
//   npm install --no-save parse5 parse5-htmlparser2-tree-adapter linkedom   # the candidates not in package.json
//   npm run build && node bench/html-parsers.mjs [--rounds 200]
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 200;
const { loadConfig } = await import(join(ROOT, 'dist/harness/config/load.js'));
const { startWorker } = await import(join(ROOT, 'dist/harness/runner/worker-env.js'));
const { consentPage } = await import(join(ROOT, 'dist/mock-provider/interactions/views.js'));
const { forms, submission } = await import(join(ROOT, 'dist/harness/drivers/http/html.js'));
const { request } = await import('@playwright/test');

const pages = [consentPage('/default/interaction/abc/consent', { clientId: 'demo-app', scopes: ['openid', 'profile', 'email', 'offline_access'] })];
for (const app of ['careful-app', 'naive-app', 'eoc-app']) {
  const config = await loadConfig(join(ROOT, 'examples', app, 'authfault.config.yaml'));
  const { env, stop } = await startWorker({ config, seed: 'b3nch000', logDir: mkdtempSync(join(tmpdir(), 'bench-html-')), workerIndex: 0, cwd: ROOT });
  if (env.startError) throw new Error(`${app}: ${env.startError}`);
  const api = await request.newContext({ ignoreHTTPSErrors: true });
  const get = async (url) => { const r = await api.get(url); return { url: r.url(), body: await r.text() }; };
  try {
    pages.push((await get(env.appUrl)).body);
    const login = await get('url' in env.login ? env.url(env.login.url) : `${env.appUrl}/login`);
    pages.push(login.body);
    const form = forms(login.body).find((f) => f.labels.Username !== undefined);
    const signedIn = await api.post(new URL(form.action || login.url, login.url).href, { form: submission(form, { [form.labels.Username]: env.defaultUser }) });
    pages.push(await signedIn.text());
    for (const url of Object.values(env.pages)) pages.push((await get(url)).body);
    pages.push((await get('url' in env.logout ? env.url(env.logout.url) : `${env.appUrl}/logout`)).body);
  } finally {
    await api.dispose();
    await stop();
  }
}

const candidates = {
  htmlparser2: async () => { const { parseDocument } = await import('htmlparser2'); return (h) => parseDocument(h); },
  parse5: async () => { const { parse } = await import('parse5'); return (h) => parse(h); },
  'parse5 (htmlparser2 tree)': async () => { const { parse } = await import('parse5'); const { adapter } = await import('parse5-htmlparser2-tree-adapter'); return (h) => parse(h, { treeAdapter: adapter }); },
  linkedom: async () => { const { parseHTML } = await import('linkedom'); return (h) => parseHTML(h).document; },
  'in use: visibleText + forms': async () => { const m = await import(join(ROOT, 'dist/harness/drivers/http/html.js')); return (h) => [m.visibleText(h), m.forms(h)]; },
};

const MODULES = { htmlparser2: 'htmlparser2', parse5: 'parse5', 'parse5 (htmlparser2 tree)': 'parse5-htmlparser2-tree-adapter', linkedom: 'linkedom', 'in use: visibleText + forms': join(ROOT, 'dist/harness/drivers/http/html.js') };
/** Milliseconds a fresh node process takes to import `specifier`, median of 5. */
function importMs(specifier) {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t)`;
  const runs = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })));
  return runs.sort((a, b) => a - b)[2];
}

const rows = [];
for (const [name, load] of Object.entries(candidates)) {
  const parse = await load().catch(() => undefined);
  if (!parse) { rows.push(`| ${name} | not installed | | |`); continue; }
  const perPage = [];
  for (let round = 0; round < rounds; round++) {
    const s = performance.now();
    for (const p of pages) parse(p);
    perPage.push(((performance.now() - s) / pages.length) * 1000);
  }
  perPage.sort((a, b) => a - b);
  rows.push(`| ${name} | ${importMs(MODULES[name]).toFixed(1)} | **${perPage[perPage.length >> 1].toFixed(1)}** | ${perPage[Math.floor(perPage.length * 0.9)].toFixed(1)} |`);
}
console.log(`${pages.length} pages, ${pages.reduce((n, p) => n + p.length, 0)} bytes, ${rounds} rounds; node ${process.version}, load ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
console.log('| parser | import in a fresh process, median ms | per page, median µs | per page, p90 µs |\n|---|---:|---:|---:|');
console.log(rows.join('\n'));
