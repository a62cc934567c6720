import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

/**
 * A seeded, bounded fuzz of every endpoint group of a running `authfault idp`: malformed methods,
 * paths, headers and bodies, sent one at a time on loopback while an event stream is open (as the
 * admin page holds one). Nothing may answer 5xx, show a stack or a path of this machine, or take
 * the process down; it must still answer discovery after. The same seed sends the same requests:
 * AUTHFAULT_FUZZ_SEED=<seed> replays a failure, AUTHFAULT_FUZZ_REQUESTS=<n> sends more.
 */
const SEED = Number(process.env.AUTHFAULT_FUZZ_SEED ?? 0x5eed15);
const REQUESTS = Number(process.env.AUTHFAULT_FUZZ_REQUESTS ?? 400);

/** mulberry32: a small seeded generator, so a seed names the whole sequence. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof generator>;

/** Every endpoint group, with the methods its routes take; `{id}` and `{uid}` are filled in. */
const ENDPOINTS: readonly [group: string, methods: readonly string[], path: string][] = [
  ['discovery', ['GET'], '/.well-known/openid-configuration'],
  ['jwks', ['GET'], '/jwks'],
  ['authorize', ['GET', 'POST'], '/auth'],
  ['token', ['POST'], '/token'],
  ['userinfo', ['GET', 'POST'], '/me'],
  ['introspection', ['POST'], '/token/introspection'],
  ['revocation', ['POST'], '/token/revocation'],
  ['end_session', ['GET', 'POST'], '/session/end'],
  ['end_session', ['POST'], '/session/end/confirm'],
  ['interaction', ['GET'], '/interaction/{uid}'],
  ['interaction', ['POST'], '/interaction/{uid}/login'],
  ['interaction', ['POST'], '/interaction/{uid}/consent'],
  ['control', ['GET'], '/__authfault'],
  ['control', ['GET'], '/__authfault/debugger'],
  ['control', ['GET'], '/__authfault/health'],
  ['control', ['GET'], '/__authfault/ca.pem'],
  ['control', ['GET'], '/__authfault/kinds'],
  ['control', ['GET', 'POST', 'DELETE'], '/__authfault/faults'],
  ['control', ['DELETE'], '/__authfault/faults/{id}'],
  ['control', ['GET', 'DELETE'], '/__authfault/journal'],
  ['control', ['POST'], '/__authfault/reset'],
  ['control', ['POST'], '/__authfault/tokens'],
  ['control', ['GET'], '/__authfault/clients'],
  ['control', ['GET'], '/__authfault/users'],
  ['control', ['GET', 'PUT', 'PATCH', 'DELETE'], '/__authfault/users/{id}'],
  ['control', ['GET', 'POST'], '/__authfault/tenants'],
  ['control', ['DELETE'], '/__authfault/tenants/{id}'],
  ['api', ['GET', 'POST'], '/api/me'],
  ['api', ['GET', 'POST'], '/api/orders'],
  ['api', ['GET'], '/api/admin'],
];

/** Where an endpoint is: the default issuer, a tenant (its endpoints, control API and API under /{name}), or nowhere. */
function placed(r: Random, path: string): string {
  const tenant = r.chance(0.6) ? '' : r.chance(0.6) ? r.pick(['/fuzz-a', '/fuzz-b']) : r.pick(['/FUZZ', '/%ZZ', `/${'t'.repeat(70)}`]);
  if (path.startsWith('/__authfault') || path.startsWith('/api')) return `${tenant}${path}`;
  return `${tenant || '/default'}${path}`;
}

const ODD_STRINGS = ['', '%', '%ZZ', '%E0%A4%A', '%00', '..', '../..', '%2e%2e%2f', '\u00e9', '%F0%9F%92%A9', 'a;b=c', '__proto__', 'constructor', '[]', '{}', 'null', 'admin', 'alice', 'f1'];

function oddString(r: Random): string {
  if (r.chance(0.15)) return 'x'.repeat(r.pick([300, 2_049, 9_000]));
  return r.pick(ODD_STRINGS);
}

function fill(r: Random, path: string): string {
  return path.replaceAll('{uid}', () => r.pick(['bogus', 'x'.repeat(40), '%ZZ', '..'])).replaceAll('{id}', () => encodeURIComponent(oddString(r)).replaceAll('%25', r.pick(['%', '%25'])));
}

function query(r: Random): string {
  if (r.chance(0.4)) return '';
  const names = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'prompt', 'since', 'max_age', 'request', 'claims', 'ui_locales', 'id_token_hint', 'a[]', 'a[b]', '__proto__[x]'];
  const parts = Array.from({ length: 1 + r.int(6) }, () => `${r.pick(names)}=${r.chance(0.5) ? oddString(r) : r.pick(['demo-app', 'code', 'openid', 'http://127.0.0.1:3000/cb', 'S256', 'none', '-1', '1e999', 'login'])}`);
  return `?${parts.join('&')}`;
}

/** A JSON value with a shape or size past what the control API takes: deep, wide, long, or just odd. */
function hostileJson(r: Random): string {
  switch (r.int(9)) {
    case 0:
      return `${'['.repeat(40 + r.int(6000))}1${']'.repeat(40 + r.int(6000))}`;
    case 1: {
      const depth = 33 + r.int(3000);
      return `{"kind":"token.claims","set":{"x":${'['.repeat(depth)}0${']'.repeat(depth)}}}`;
    }
    case 2:
      return JSON.stringify({ kind: r.pick(['rate-limit', 'token.expired', 'state.tampered', 'nope']), message: 'm'.repeat(20_000) });
    case 3:
      return JSON.stringify(Object.fromEntries(Array.from({ length: 1_001 + r.int(500) }, (_, i) => [`k${i}`, i])));
    case 4:
      return `{"__proto__":{"roles":["admin"],"polluted":true},"constructor":{"prototype":{"polluted":true}}}`;
    case 5:
      return r.pick(['{', '{"kind":', 'null', '1', '"x"', '[]', '{"kind":"rate-limit",}', '\u0000', '{"kind":"rate-limit","when":{"nth":-1,"probability":7}}']);
    case 6:
      return JSON.stringify({ kind: r.pick(['rate-limit', 'network.latency', 'token.claims', 'clock.skew', 'tls.expired', 'api.insufficient-scope']), [oddString(r)]: oddString(r), when: { endpoint: oddString(r), times: r.pick([0, -1, 1.5, 'x', 1e308]) } });
    case 7:
      return JSON.stringify({ id: oddString(r), name: oddString(r), roles: r.pick([[], 'admin', [1, 2], null]), claims: r.pick([{}, [], 'x', { sub: 'other' }]) });
    default:
      return JSON.stringify({ name: oddString(r) });
  }
}

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  group: string;
}

/** One malformed request, all from the generator. */
function malformed(r: Random): Sent {
  const [group, methods, template] = r.pick(ENDPOINTS);
  const method = r.chance(0.85) ? r.pick(methods) : r.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
  const path = `${placed(r, fill(r, template))}${query(r)}`;
  const headers: Record<string, string> = {};
  if (r.chance(0.3)) headers.authorization = r.pick(['Basic JVpaOng=', 'Basic %%%', 'Basic ' + Buffer.from('demo-app:').toString('base64'), 'Basic ' + Buffer.from('\u00ff\u00fe:x', 'latin1').toString('base64'), 'Bearer', 'Bearer a.b.c', 'Bearer ' + 'e'.repeat(3000), 'DPoP x', 'Negotiate']);
  if (r.chance(0.2)) headers.cookie = r.pick(['_interaction=bogus; _interaction.sig=bogus', '_session=%ZZ', `_session=${'s'.repeat(4000)}`, '=;=;', '_interaction_resume=x']);
  if (r.chance(0.3)) headers.accept = r.pick(['text/html', 'application/json', '*/*', 'image/png', '']);
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD' && r.chance(0.85)) {
    const kind = r.int(7);
    if (kind <= 2) {
      body = Buffer.from(hostileJson(r));
      headers['content-type'] = r.pick(['application/json', 'application/merge-patch+json', 'application/json; charset=utf-16', 'application/json; charset=bogus', 'text/plain']);
    } else if (kind === 3) {
      body = Buffer.from(['grant_type', 'code', 'refresh_token', 'client_id', 'client_secret', 'token', 'redirect_uri', 'code_verifier', 'login', 'username', 'prompt', 'scope'].filter(() => r.chance(0.4)).map((k) => `${k}=${oddString(r)}`).join('&'));
      headers['content-type'] = r.pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=latin1', 'multipart/form-data', 'multipart/form-data; boundary=x']);
    } else if (kind === 4) {
      body = Buffer.from(Array.from({ length: 1 + r.int(2048) }, () => r.int(256)));
      headers['content-type'] = r.pick(['application/json', 'application/x-www-form-urlencoded', 'application/octet-stream']);
    } else if (kind === 5) {
      body = r.chance(0.5) ? gzipSync('{"kind":"rate-limit"}') : Buffer.from('not gzip at all');
      headers['content-type'] = 'application/json';
      headers['content-encoding'] = r.pick(['gzip', 'deflate', 'br', 'bogus', 'gzip, identity']);
    } else {
      // Past every body limit: the control API's 1 MB, the mock API's 100 KB.
      body = Buffer.alloc(r.pick([101 * 1024, 1024 * 1024 + 1]), 0x61);
      headers['content-type'] = r.pick(['application/json', 'application/x-www-form-urlencoded']);
    }
  }
  return { method, path, headers, ...(body ? { body } : {}), group };
}

interface Answer {
  status: number;
  body: string;
}

/**
 * Send one request as it is; an answer that does not come in 10 s is a hang. Over HTTPS the run
 * CA is not checked: this fuzzes the provider, not TLS.
 */
function send(origin: string, sent: Sent): Promise<Answer> {
  const { hostname, port, protocol } = new URL(origin);
  const request = protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method: sent.method, path: sent.path, headers: { ...sent.headers, ...(sent.body ? { 'content-length': String(sent.body.length) } : {}) }, timeout: 10_000, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 10 s')));
    // The server may answer (413, 415) and close before a large body is all sent: the answer counts, not the write.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve({ status: 0, body: String(error.code) }) : reject(error)));
    req.end(sent.body);
  });
}

/** What the answer must not show: a stack frame, or a path of this machine. */
function internal(body: string): string | undefined {
  return [/\n\s+at /, /&nbsp;at /, /<br>\s*at /, /node_modules/, /file:\/\//, new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), /\/home\/|\/tmp\/|\/work\//].find((p) => p.test(body))?.source;
}

describe.each([
  ['HTTP', []],
  ['HTTPS (both channels, and plain HTTP sent to them)', ['--https']],
])(`fuzz: ${REQUESTS} malformed requests across every endpoint group of authfault idp over %s (seed ${SEED}; replay with AUTHFAULT_FUZZ_SEED=${SEED})`, (_over, flags: string[]) => {
  let dir: string;
  let idp: ChildProcess;
  /** Where requests go: the issuer's origin, and with HTTPS the front channel and both ports over plain HTTP too. */
  let origins: string[];
  let origin: string;
  let output = '';
  let events: ReturnType<typeof httpRequest> | undefined;
  let exited: number | null | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authfault-fuzz-'));
    idp = spawn(process.execPath, [CLI, 'idp', '--port', '0', '--json', '--seed', 'fuzz', ...flags], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    idp.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    idp.on('exit', (code) => (exited = code));
    const ready = await new Promise<{ issuer: string; admin: string }>((resolve, reject) => {
      idp.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}: ${output}`)));
      createInterface({ input: idp.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { issuer: string; admin: string }));
    });
    origin = new URL(ready.issuer).origin;
    const front = new URL(ready.admin).origin;
    origins = origin === front ? [origin] : [origin, front, origin.replace('https:', 'http:'), front.replace('https:', 'http:')];
    // An event stream open throughout, as the admin page holds one: a fault 6,000 levels deep crashed the process at the next event.
    await new Promise<void>((resolve, reject) => {
      events = (origin.startsWith('https:') ? httpsRequest : httpRequest)(`${origin}/__authfault/events`, { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve();
      }).on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
      events.end();
    });
  }, 60_000);

  afterAll(async () => {
    events?.destroy();
    idp?.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  });

  it('answers every one with less than 500, no stack and no path, stays up, and still answers discovery', async () => {
    const r = generator(SEED);
    const problems: string[] = [];
    const groups = new Map<string, number>();
    for (let i = 0; i < REQUESTS && exited === undefined; i++) {
      const sent = malformed(r);
      const to = r.pick(origins);
      groups.set(sent.group, (groups.get(sent.group) ?? 0) + 1);
      const shown = `#${i} ${sent.method} ${to}${sent.path.slice(0, 160)} ${JSON.stringify(sent.headers).slice(0, 200)} body ${sent.body?.length ?? 0} bytes`;
      let answer: Answer;
      try {
        answer = await send(to, sent);
      } catch (error) {
        problems.push(`${shown}: ${(error as Error).message}`);
        continue;
      }
      if (answer.status >= 500) problems.push(`${shown}: ${answer.status} ${answer.body.slice(0, 300)}`);
      const leak = internal(answer.body);
      if (leak) problems.push(`${shown}: the answer shows ${leak}: ${answer.body.slice(0, 300)}`);
      // A fault the fuzz managed to set acts on the next requests (a hang, a latency): clear it at once.
      if (answer.status >= 200 && answer.status < 300 && /\/__authfault\/faults/.test(sent.path)) await send(to, { method: 'DELETE', path: sent.path.startsWith('/__authfault') ? '/__authfault/faults' : `${sent.path.split('/__authfault')[0]}/__authfault/faults`, headers: {}, group: 'control' });
    }
    const replay = `seed ${SEED} (AUTHFAULT_FUZZ_SEED=${SEED} AUTHFAULT_FUZZ_REQUESTS=${REQUESTS} to replay)`;
    expect(exited, `authfault idp exited during the fuzz, ${replay}: ${output}`).toBeUndefined();
    expect(problems, `${problems.length} of ${REQUESTS} requests, ${replay}`).toEqual([]);
    expect([...groups.keys()].sort()).toEqual(['api', 'authorize', 'control', 'discovery', 'end_session', 'interaction', 'introspection', 'jwks', 'revocation', 'token', 'userinfo']);
    const discovery = await send(origin, { method: 'GET', path: '/default/.well-known/openid-configuration', headers: {}, group: 'discovery' });
    expect(discovery.status, replay).toBe(200);
    expect(JSON.parse(discovery.body).issuer).toBe(`${origin}/default`);
    // No request left open: each one the provider journaled ended with the status it sent (a TLS connection's entry has none).
    const journal = JSON.parse((await send(origin, { method: 'GET', path: '/__authfault/journal', headers: {}, group: 'control' })).body) as { entries: { id: number; endpoint: string; status: number; outcome?: string }[] };
    expect(journal.entries.filter((e) => e.endpoint !== 'transport' && e.status === 0 && e.outcome === undefined), replay).toEqual([]);
    // Its output names files of its own (the run CA's), so only a stack counts there.
    expect(output, `the provider's output, ${replay}`).not.toMatch(/\n\s+at |node_modules/);
  }, 120_000);
});
