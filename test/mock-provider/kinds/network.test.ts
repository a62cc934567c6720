import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import * as client from 'openid-client';
import * as jose from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type JournalEntry, type MockProviderHandle } from '../../../mock-provider/index.js';
import { seededRandom } from '../../../mock-provider/faults/random.js';
import type { FaultRequest, RequestEnv } from '../../../mock-provider/faults/types.js';
import { httpError } from '../../../mock-provider/faults/kinds/network/http-error.js';
import { networkHang } from '../../../mock-provider/faults/kinds/network/network-hang.js';
import { drawDelay, networkLatency } from '../../../mock-provider/faults/kinds/network/network-latency.js';
import { networkMalformedBody } from '../../../mock-provider/faults/kinds/network/network-malformed-body.js';
import { networkReset } from '../../../mock-provider/faults/kinds/network/network-reset.js';
import { networkSlowBody } from '../../../mock-provider/faults/kinds/network/network-slow-body.js';
import { networkEmptyResponse } from '../../../mock-provider/faults/kinds/network/network-empty-response.js';
import { trickleResponse } from '../../../mock-provider/inject/slow-body.js';
import { authorizationRequest, discover } from '../../helpers/authorization-request.js';
import { UserAgent } from '../../helpers/user-agent.js';

const REDIRECT = 'http://127.0.0.1:9/callback';
const SECRET = 'app-secret-network-kinds-5c2a';
const BASIC = `Basic ${Buffer.from(`app:${SECRET}`).toString('base64')}`;

/** A request as the engine describes it, for calling hooks directly. */
const fakeRequest = (point: FaultRequest['point']): FaultRequest => ({ point, method: 'GET', path: '/default/x', query: {}, ip: '127.0.0.1', now: Date.now() });
const env = (random = () => 0.5): RequestEnv => ({ issuer: 'http://127.0.0.1:1/default', redirectAllowed: () => false, random });

/** Whatever a promise rejects with (or a marker when it does not reject). */
const rejection = (promise: Promise<unknown>) => promise.then(() => new Error('did not reject'), (e: unknown) => e);

/** Node's own HTTP client (openid-client 5, passport, many SDKs): resolves with the error it emits. */
function nodeTokenRequest(issuer: string): Promise<NodeJS.ErrnoException | number> {
  return new Promise((resolve) => {
    const req = httpRequest(`${issuer}/token`, { method: 'POST', headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', resolve);
    req.end('grant_type=client_credentials');
  });
}

describe('network fault kinds, as real clients see them', () => {
  let idp: MockProviderHandle;
  let config: client.Configuration;

  beforeAll(async () => {
    idp = await createMockProvider({ clients: [{ client_id: 'app', client_secret: SECRET, redirect_uris: [REDIRECT] }] });
    config = await discover(idp.issuer, 'app', SECRET);
  });
  afterAll(() => idp.close());
  afterEach(() => idp.faults.clear());

  const tokenFetch = (init: RequestInit = {}) =>
    fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      ...init,
    });
  const withFaults = (entries: JournalEntry[]) => entries.filter((e) => e.faults.length > 0);
  /** Wait (bounded) until the journal has `n` entries after `since` matching `test`. */
  async function journalHas(since: number, n: number, test: (e: JournalEntry) => boolean) {
    for (let i = 0; i < 200; i++) {
      if (idp.journal.entries(since).filter(test).length >= n) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`journal never had ${n} matching entries: ${JSON.stringify(idp.journal.entries(since))}`);
  }
  /** After clear(), a careful client gets its tokens again, and nothing in the journal shows a fault. */
  async function expectCleanExchange() {
    const since = idp.journal.lastId;
    const tokens = await client.clientCredentialsGrant(config);
    expect(tokens.access_token).toBeTruthy();
    expect(withFaults(idp.journal.entries(since))).toEqual([]);
  }

  describe('network.latency', () => {
    it('draws the same delays from the same seed, different ones from another, within each distribution’s bounds', () => {
      const draw = (p: Parameters<typeof drawDelay>[0], seed: string, n: number) => {
        const random = seededRandom(seed, 'f1');
        return Array.from({ length: n }, () => drawDelay(p, random));
      };
      const fixed = { ms: 250, jitter_ms: 100, distribution: 'fixed' as const };
      expect(draw(fixed, 's', 5)).toEqual([250, 250, 250, 250, 250]);

      const uniform = { ms: 200, jitter_ms: 50, distribution: 'uniform' as const };
      const a = draw(uniform, 'seed-1', 200);
      expect(draw(uniform, 'seed-1', 200)).toEqual(a);
      expect(draw(uniform, 'seed-2', 200)).not.toEqual(a);
      expect(Math.min(...a)).toBeGreaterThanOrEqual(150);
      expect(Math.max(...a)).toBeLessThanOrEqual(250);
      expect(new Set(a).size).toBeGreaterThan(50);

      const lognormal = { ms: 100, jitter_ms: 100, distribution: 'lognormal' as const };
      const l = draw(lognormal, 'seed-1', 2001);
      expect(draw(lognormal, 'seed-1', 2001)).toEqual(l);
      const sorted = [...l].sort((x, y) => x - y);
      // Median ms; one σ up is ms + jitter (84th percentile); a long tail above it.
      expect(sorted[1000]).toBeGreaterThan(90);
      expect(sorted[1000]).toBeLessThan(110);
      expect(sorted[Math.round(2001 * 0.841)]).toBeGreaterThan(180);
      expect(sorted[Math.round(2001 * 0.841)]).toBeLessThan(220);
      expect(Math.min(...l)).toBeGreaterThan(0);
      expect(Math.max(...draw({ ...lognormal, max_ms: 300 }, 'seed-1', 2001))).toBe(300);
      expect(Math.max(...l)).toBeGreaterThan(300);
    });

    it('the hook asks for a delay drawn from the fault’s own generator', () => {
      const p = networkLatency.params.parse({ ms: 100, jitter_ms: 100, distribution: 'uniform' });
      expect(networkLatency.hooks.request!(fakeRequest('token'), p, {}, env(() => 0))).toEqual({ type: 'delay', ms: 0 });
      expect(networkLatency.hooks.request!(fakeRequest('token'), p, {}, env(() => 0.75))).toEqual({ type: 'delay', ms: 150 });
      expect(networkLatency.params.parse({})).toEqual({ ms: 1000, jitter_ms: 0, distribution: 'fixed' });
    });

    it('openid-client’s token call takes at least ms; the journal records the delay; cleared, no delay', async () => {
      const [fault] = await idp.faults.add({ kind: 'network.latency', ms: 400 });
      const since = idp.journal.lastId;
      const started = performance.now();
      const tokens = await client.clientCredentialsGrant(config);
      expect(performance.now() - started).toBeGreaterThanOrEqual(400);
      expect(tokens.access_token).toBeTruthy();
      const [entry] = withFaults(idp.journal.entries(since));
      expect(entry).toMatchObject({ endpoint: 'token', status: 200, faults: [{ id: fault!.id, kind: 'network.latency', effect: 'delayed 400 ms' }] });
      expect(entry!.durationMs).toBeGreaterThanOrEqual(400);

      idp.faults.clear();
      await expectCleanExchange();
    });
  });

  describe('network.hang', () => {
    it('the hook asks to hang', () => {
      expect(networkHang.hooks.request!(fakeRequest('token'), {}, {}, env())).toEqual({ type: 'hang' });
    });

    it('a client timeout fires; a pending call is released by clear() with a closed socket; the journal says hang', async () => {
      const [fault] = await idp.faults.add({ kind: 'network.hang' });
      const since = idp.journal.lastId;

      const timedOut = await rejection(tokenFetch({ signal: AbortSignal.timeout(300) }));
      expect(timedOut).toBeInstanceOf(DOMException);
      expect(timedOut).toMatchObject({ name: 'TimeoutError', message: 'The operation was aborted due to timeout' });

      config.timeout = 0.3;
      const careful = await rejection(client.clientCredentialsGrant(config)).finally(() => (config.timeout = undefined));
      expect(careful).toBeInstanceOf(client.ClientError);
      expect(careful).toMatchObject({ code: 'OAUTH_TIMEOUT', message: 'operation timed out', cause: { name: 'TimeoutError' } });

      const pending = rejection(tokenFetch());
      await journalHas(since, 3, (e) => e.outcome === 'hang');
      idp.faults.clear();
      const released = await pending;
      expect(released).toBeInstanceOf(TypeError);
      expect(released).toMatchObject({ message: 'fetch failed', cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' } });

      const entries = idp.journal.entries(since);
      expect(entries).toHaveLength(3);
      for (const entry of entries) {
        expect(entry).toMatchObject({
          endpoint: 'token',
          status: 0,
          outcome: 'hang',
          faults: [{ id: fault!.id, kind: 'network.hang', effect: 'left the request hanging' }],
        });
      }
      await expectCleanExchange();
    });
  });

  describe('network.reset', () => {
    it('the hook asks for a reset', () => {
      expect(networkReset.hooks.request!(fakeRequest('jwks'), {}, {}, env())).toEqual({ type: 'reset' });
    });

    it('fetch/openid-client reject with cause ECONNRESET, Node http with ECONNRESET; journal outcome reset', async () => {
      const [fault] = await idp.faults.add({ kind: 'network.reset' });
      const since = idp.journal.lastId;
      const error = await rejection(client.clientCredentialsGrant(config));
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNRESET', message: 'read ECONNRESET', syscall: 'read' } });
      expect(await nodeTokenRequest(idp.issuer)).toMatchObject({ code: 'ECONNRESET', message: 'read ECONNRESET' });
      const entries = idp.journal.entries(since);
      expect(entries).toHaveLength(2);
      for (const entry of entries) {
        expect(entry).toMatchObject({ endpoint: 'token', status: 0, outcome: 'reset', faults: [{ id: fault!.id, kind: 'network.reset', effect: 'reset the connection (TCP RST)' }] });
      }
      idp.faults.clear();
      await expectCleanExchange();
    });
  });

  describe('network.empty-response', () => {
    it('the hook asks to close without a response', () => {
      expect(networkEmptyResponse.hooks.request!(fakeRequest('userinfo'), {}, {}, env())).toEqual({ type: 'empty' });
    });

    it('undici says UND_ERR_SOCKET "other side closed", Node http "socket hang up" (ECONNRESET)', async () => {
      const [fault] = await idp.faults.add({ kind: 'network.empty-response' });
      const since = idp.journal.lastId;
      const error = await rejection(client.clientCredentialsGrant(config));
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toMatchObject({ message: 'fetch failed', cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' } });
      expect(await nodeTokenRequest(idp.issuer)).toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' });
      const entries = idp.journal.entries(since);
      expect(entries).toHaveLength(2);
      for (const entry of entries) {
        expect(entry).toMatchObject({
          endpoint: 'token',
          status: 0,
          outcome: 'aborted',
          faults: [{ id: fault!.id, kind: 'network.empty-response', effect: 'closed the connection without a response' }],
        });
      }
      idp.faults.clear();
      await expectCleanExchange();
    });
  });

  describe('network.malformed-body', () => {
    it('truncated bodies are shaped like each endpoint’s answer and never parse', () => {
      const parse = networkMalformedBody.params.parse.bind(networkMalformedBody.params);
      for (const point of ['discovery', 'jwks', 'token', 'userinfo', 'introspection', 'revocation', 'api'] as const) {
        const action = networkMalformedBody.hooks.request!(fakeRequest(point), parse({}), {}, env());
        expect(action).toMatchObject({ type: 'respond', status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
        const body = (action as { body: string }).body;
        expect(() => JSON.parse(body)).toThrow(SyntaxError);
      }
      const discovery = networkMalformedBody.hooks.request!(fakeRequest('discovery'), parse({}), {}, env()) as { body: string };
      expect(discovery.body.startsWith('{"issuer":"http://127.0.0.1:1/default",')).toBe(true);
      expect(networkMalformedBody.hooks.request!(fakeRequest('token'), parse({ how: 'empty' }), {}, env())).toMatchObject({ status: 200, body: '' });
      expect(networkMalformedBody.hooks.request!(fakeRequest('token'), parse({ how: 'html' }), {}, env())).toMatchObject({
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
        body: expect.stringContaining('<title>Network Login</title>'),
      });
    });

    it('truncated: openid-client rejects the token response with OAUTH_PARSE_ERROR; cleared, tokens again', async () => {
      const [fault] = await idp.faults.add({ kind: 'network.malformed-body' });
      const since = idp.journal.lastId;
      const error = await rejection(client.clientCredentialsGrant(config));
      expect(error).toBeInstanceOf(client.ClientError);
      expect(error).toMatchObject({
        code: 'OAUTH_PARSE_ERROR',
        message: 'parsing error occured',
        cause: { code: 'OAUTH_PARSE_ERROR', message: 'failed to parse "response" body as JSON', cause: { name: 'SyntaxError' } },
      });
      expect(withFaults(idp.journal.entries(since))).toEqual([
        expect.objectContaining({ endpoint: 'token', status: 200, faults: [{ id: fault!.id, kind: 'network.malformed-body', effect: 'answered 200' }] }),
      ]);
      const raw = await tokenFetch();
      expect(raw.status).toBe(200);
      expect(raw.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(raw.headers.get('cache-control')).toBe('no-store');
      await expect(raw.json()).rejects.toThrow(SyntaxError);
      idp.faults.clear();
      await expectCleanExchange();
    });

    it('truncated at discovery: openid-client discovery rejects with OAUTH_PARSE_ERROR', async () => {
      await idp.faults.add({ kind: 'network.malformed-body', when: { endpoint: 'discovery' } });
      const error = await rejection(discover(idp.issuer, 'app', SECRET));
      expect(error).toMatchObject({ code: 'OAUTH_PARSE_ERROR', cause: { message: 'failed to parse "response" body as JSON' } });
      idp.faults.clear();
      expect((await discover(idp.issuer, 'app', SECRET)).serverMetadata().issuer).toBe(idp.issuer);
    });

    it('html: a captive-portal page with 200 is refused as OAUTH_RESPONSE_IS_NOT_JSON', async () => {
      await idp.faults.add({ kind: 'network.malformed-body', how: 'html' });
      const error = await rejection(client.clientCredentialsGrant(config));
      expect(error).toBeInstanceOf(client.ClientError);
      expect(error).toMatchObject({ code: 'OAUTH_RESPONSE_IS_NOT_JSON', message: 'unexpected response content-type' });
      const response = (error as Error).cause as Response;
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    });

    it('empty: a zero-length JSON body fails to parse ("Unexpected end of JSON input")', async () => {
      await idp.faults.add({ kind: 'network.malformed-body', how: 'empty' });
      const error = await rejection(client.clientCredentialsGrant(config));
      expect(error).toMatchObject({
        code: 'OAUTH_PARSE_ERROR',
        cause: { message: 'failed to parse "response" body as JSON', cause: { message: 'Unexpected end of JSON input' } },
      });
      const raw = await tokenFetch();
      expect(raw.headers.get('content-length')).toBe('0');
    });
  });

  describe('network.slow-body', () => {
    it('the hook asks for the real body in chunks over total_ms', () => {
      expect(networkSlowBody.hooks.request!(fakeRequest('token'), networkSlowBody.params.parse({}), {}, env())).toEqual({ type: 'slow-body', chunks: 5, totalMs: 5000 });
    });

    it('trickleResponse paces a streamed (many writes, no Content-Length) body on a bare Node server', async () => {
      const parts = ['{"a":', '1,"b":', '"two"', '}'];
      const server: Server = createServer((_req, res) => {
        trickleResponse(res, 4, 600);
        res.setHeader('content-type', 'application/json');
        Readable.from(parts).pipe(res);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const started = performance.now();
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
        const headersAfter = performance.now() - started;
        expect(res.headers.get('transfer-encoding')).toBe('chunked');
        const received: string[] = [];
        const decoder = new TextDecoder();
        for await (const chunk of res.body!) received.push(decoder.decode(chunk));
        expect(performance.now() - started).toBeGreaterThanOrEqual(600);
        // Status and headers go out at once, long before the body is complete.
        expect(headersAfter).toBeLessThan(600);
        expect(received.join('')).toBe(parts.join(''));
        expect(received.length).toBeGreaterThanOrEqual(2);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('koa (discovery, JWKS): the real document, complete only after total_ms, Content-Length right', async () => {
      const expected = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).text();
      const [fault] = await idp.faults.add({ kind: 'network.slow-body', chunks: 4, total_ms: 800, when: { endpoint: ['discovery', 'jwks'] } });
      const since = idp.journal.lastId;
      const started = performance.now();
      const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
      const headersAfter = performance.now() - started;
      const body = await res.text();
      expect(performance.now() - started).toBeGreaterThanOrEqual(800);
      expect(headersAfter).toBeLessThan(800);
      expect(res.status).toBe(200);
      expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));
      expect(JSON.parse(body)).toEqual(JSON.parse(expected));

      // A careful client reads it as normal, only later.
      const slowStart = performance.now();
      const discovered = await discover(idp.issuer, 'app', SECRET);
      expect(performance.now() - slowStart).toBeGreaterThanOrEqual(800);
      expect(discovered.serverMetadata().jwks_uri).toBe(`${idp.issuer}/jwks`);
      const jwks = await (await fetch(`${idp.issuer}/jwks`)).json();
      expect(jwks).toEqual({ keys: [expect.objectContaining({ kty: 'RSA', use: 'sig' })] });

      const entries = withFaults(idp.journal.entries(since));
      expect(entries.map((e) => [e.endpoint, e.status, e.faults])).toEqual([
        ['discovery', 200, [{ id: fault!.id, kind: 'network.slow-body', effect: 'trickled the body in 4 chunks over 800 ms' }]],
        ['discovery', 200, [{ id: fault!.id, kind: 'network.slow-body', effect: 'trickled the body in 4 chunks over 800 ms' }]],
        ['jwks', 200, [{ id: fault!.id, kind: 'network.slow-body', effect: 'trickled the body in 4 chunks over 800 ms' }]],
      ]);
      for (const entry of entries) expect(entry.durationMs).toBeGreaterThanOrEqual(800);
    });

    it('express (the login page): the same page, complete only after total_ms, Content-Length right', async () => {
      const request = await authorizationRequest(idp.issuer, 'app', REDIRECT);
      const auth = await fetch(request.url, { redirect: 'manual' });
      expect(auth.status).toBe(303);
      const interaction = new URL(auth.headers.get('location')!, idp.issuer);
      const cookie = auth.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const expected = await (await fetch(interaction, { headers: { cookie } })).text();
      expect(expected).toContain('<form method="post"');

      await idp.faults.add({ kind: 'network.slow-body', chunks: 3, total_ms: 600, when: { endpoint: 'interaction' } });
      const started = performance.now();
      const res = await fetch(interaction, { headers: { cookie } });
      const body = await res.text();
      expect(performance.now() - started).toBeGreaterThanOrEqual(600);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));
      expect(body).toBe(expected);
    });

    it('a client whose deadline is shorter than total_ms aborts mid-body; the journal says aborted', async () => {
      const [fault] = await idp.faults.add({ kind: 'network.slow-body', chunks: 5, total_ms: 1500 });
      const since = idp.journal.lastId;
      const res = await tokenFetch({ signal: AbortSignal.timeout(400) });
      expect(res.status).toBe(200);
      const error = await rejection(res.text());
      expect(error).toMatchObject({ name: 'TimeoutError', message: 'The operation was aborted due to timeout' });

      config.timeout = 0.4;
      const careful = await rejection(client.clientCredentialsGrant(config)).finally(() => (config.timeout = undefined));
      // openid-client times out while reading the body and reports it as a parse error.
      expect(careful).toBeInstanceOf(client.ClientError);
      expect(careful).toMatchObject({
        code: 'OAUTH_PARSE_ERROR',
        message: 'parsing error occured',
        cause: { code: 'OAUTH_PARSE_ERROR', message: 'failed to parse "response" body as JSON', cause: { name: 'TimeoutError' } },
      });

      await journalHas(since, 2, (e) => e.outcome === 'aborted');
      for (const entry of idp.journal.entries(since)) {
        expect(entry).toMatchObject({ endpoint: 'token', status: 200, outcome: 'aborted', faults: [{ id: fault!.id, kind: 'network.slow-body' }] });
      }
      idp.faults.clear();
      await expectCleanExchange();
    });
  });

  describe('http.error', () => {
    it('chooses an OAuth error body by status; string bodies are text/plain unless content_type says otherwise', () => {
      const action = (params: Record<string, unknown>) => httpError.hooks.request!(fakeRequest('token'), httpError.params.parse(params), {}, env());
      expect(action({ status: 503, retry_after_s: 30 })).toEqual({
        type: 'respond',
        status: 503,
        headers: { 'Cache-Control': 'no-store', 'Retry-After': '30', 'Content-Type': 'application/json; charset=utf-8' },
        body: { error: 'temporarily_unavailable', error_description: 'the provider is temporarily unavailable (HTTP 503, authfault http.error fault)' },
      });
      for (const status of [429, 502, 504]) expect(action({ status })).toMatchObject({ body: { error: 'temporarily_unavailable' } });
      for (const status of [400, 500, 501]) expect(action({ status })).toMatchObject({ body: { error: 'server_error' } });
      expect(action({ status: 502, body: '<h1>Bad Gateway</h1>', content_type: 'text/html' })).toMatchObject({
        headers: { 'Content-Type': 'text/html' },
        body: '<h1>Bad Gateway</h1>',
      });
      expect(action({ status: 500, body: 'oops' })).toMatchObject({ headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'oops' });
      expect(httpError.params.safeParse({}).success).toBe(false);
      expect(httpError.params.safeParse({ status: 302 }).success).toBe(false);
      expect(httpError.params.safeParse({ status: 600 }).success).toBe(false);
    });

    it('token 503: openid-client says the status is unexpected and hands over the Response with Retry-After', async () => {
      const [fault] = await idp.faults.add({ kind: 'http.error', status: 503, retry_after_s: 7 });
      const since = idp.journal.lastId;
      const error = await rejection(client.clientCredentialsGrant(config));
      expect(error).toBeInstanceOf(client.ClientError);
      expect(error).toMatchObject({ code: 'OAUTH_RESPONSE_IS_NOT_CONFORM', message: 'unexpected HTTP response status code' });
      // oauth4webapi parses OAuth error bodies of 4xx only; a 5xx reaches the app as the raw Response.
      const response = (error as Error).cause as Response;
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({
        error: 'temporarily_unavailable',
        error_description: 'the provider is temporarily unavailable (HTTP 503, authfault http.error fault)',
      });
      expect(withFaults(idp.journal.entries(since))).toEqual([
        expect.objectContaining({ endpoint: 'token', status: 503, retryAfter: 7, faults: [{ id: fault!.id, kind: 'http.error', effect: 'answered 503 with Retry-After: 7' }] }),
      ]);
      idp.faults.clear();
      await expectCleanExchange();
    });

    it('token 4xx: openid-client rejects with ResponseBodyError carrying .status and the OAuth error', async () => {
      await idp.faults.add({ kind: 'http.error', status: 429, retry_after_s: 2 });
      const throttled = await rejection(client.clientCredentialsGrant(config));
      expect(throttled).toBeInstanceOf(client.ResponseBodyError);
      expect(throttled).toMatchObject({
        code: 'OAUTH_RESPONSE_BODY_ERROR',
        status: 429,
        error: 'temporarily_unavailable',
        error_description: 'the provider is temporarily unavailable (HTTP 429, authfault http.error fault)',
      });
      expect((throttled as client.ResponseBodyError).response.headers.get('retry-after')).toBe('2');

      idp.faults.clear();
      await idp.faults.add({ kind: 'http.error', status: 400, body: { error: 'invalid_request', error_description: 'bad things' } });
      const invalid = await rejection(client.clientCredentialsGrant(config));
      expect(invalid).toMatchObject({ code: 'OAUTH_RESPONSE_BODY_ERROR', status: 400, error: 'invalid_request', error_description: 'bad things' });
    });

    it('discovery 500: openid-client discovery rejects', async () => {
      await idp.faults.add({ kind: 'http.error', status: 500, when: { endpoint: 'discovery' } });
      const error = await rejection(discover(idp.issuer, 'app', SECRET));
      expect(error).toBeInstanceOf(client.ClientError);
      expect(error).toMatchObject({ code: 'OAUTH_RESPONSE_IS_NOT_CONFORM', message: 'unexpected HTTP response status code' });
      expect(((error as Error).cause as Response).status).toBe(500);
      idp.faults.clear();
      expect((await discover(idp.issuer, 'app', SECRET)).serverMetadata().issuer).toBe(idp.issuer);
    });

    it('jwks 503: jose createRemoteJWKSet fails with ERR_JOSE_GENERIC; cleared, the id_token verifies', async () => {
      const request = await authorizationRequest(idp.issuer, 'app', REDIRECT);
      const browser = await UserAgent.open();
      const callback = await browser.authorize(request.url.href, REDIRECT, 'alice').finally(() => browser.dispose());
      const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce });

      const [fault] = await idp.faults.add({ kind: 'http.error', status: 503, when: { endpoint: 'jwks' } });
      const since = idp.journal.lastId;
      const options = { issuer: idp.issuer, audience: 'app' };
      const error = await rejection(jose.jwtVerify(tokens.id_token!, jose.createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), options));
      expect(error).toBeInstanceOf(jose.errors.JOSEError);
      expect(error).toMatchObject({ code: 'ERR_JOSE_GENERIC', message: 'Expected 200 OK from the JSON Web Key Set HTTP response' });
      expect(withFaults(idp.journal.entries(since))).toEqual([
        expect.objectContaining({ endpoint: 'jwks', status: 503, faults: [{ id: fault!.id, kind: 'http.error', effect: 'answered 503' }] }),
      ]);

      const userinfoFault = await idp.faults.add({ kind: 'http.error', status: 502, when: { endpoint: 'userinfo' } });
      const userinfo = await rejection(client.fetchUserInfo(config, tokens.access_token, 'alice'));
      expect(userinfo).toMatchObject({ code: 'OAUTH_RESPONSE_IS_NOT_CONFORM', message: 'unexpected HTTP response status code' });
      expect(((userinfo as Error).cause as Response).status).toBe(502);
      expect(idp.faults.list().find((f) => f.id === userinfoFault[0]!.id)).toMatchObject({ applied: 1 });

      idp.faults.clear();
      const { payload } = await jose.jwtVerify(tokens.id_token!, jose.createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), options);
      expect(payload.sub).toBe('alice');
      expect(await client.fetchUserInfo(config, tokens.access_token, 'alice')).toEqual({ sub: 'alice' });
    });
  });

  describe('the shared envelope on a network kind', () => {
    it('refuses the transport point and a missing status', async () => {
      await expect(idp.faults.add({ kind: 'network.reset', when: { endpoint: 'transport' } })).rejects.toMatchObject({
        code: 'AUTHFAULT_FAULT_INVALID',
        message: expect.stringContaining('network.reset cannot apply at transport'),
      });
      // @ts-expect-error -- status is required, and TypeScript says so too
      await expect(idp.faults.add({ kind: 'http.error' })).rejects.toMatchObject({ code: 'AUTHFAULT_FAULT_INVALID', message: expect.stringContaining('status') });
    });

    it('endpoint: userinfo leaves token alone; nth: 2 hits only the second request; times: 1 only the first', async () => {
      await idp.faults.add({ kind: 'http.error', status: 503, when: { endpoint: 'userinfo' } });
      expect((await tokenFetch()).status).toBe(200);
      idp.faults.clear();

      await idp.faults.add({ kind: 'http.error', status: 503, when: { nth: 2 } });
      const nth = [];
      for (let i = 0; i < 4; i++) nth.push((await tokenFetch()).status);
      expect(nth).toEqual([200, 503, 200, 200]);
      idp.faults.clear();

      await idp.faults.add({ kind: 'http.error', status: 503, when: { times: 1 } });
      const times = [];
      for (let i = 0; i < 3; i++) times.push((await tokenFetch()).status);
      expect(times).toEqual([503, 200, 200]);
    });

    it('probability: 0.5 with a fixed seed gives the same 20-request pattern on two providers', async () => {
      const pattern = async () => {
        const other = await createMockProvider({ seed: 'network-envelope-7', clients: [{ client_id: 'app', client_secret: SECRET, redirect_uris: [REDIRECT] }] });
        try {
          await other.faults.add({ kind: 'network.reset', when: { endpoint: 'discovery', probability: 0.5 } });
          const out: string[] = [];
          for (let i = 0; i < 20; i++) {
            const res = await fetch(`${other.issuer}/.well-known/openid-configuration`).catch(() => undefined);
            out.push(res ? String(res.status) : 'reset');
          }
          const journal = other.journal.entries().map((e) => (e.outcome === 'reset' ? 'reset' : String(e.status)));
          expect(journal).toEqual(out);
          return out;
        } finally {
          await other.close();
        }
      };
      const first = await pattern();
      expect(await pattern()).toEqual(first);
      expect(first.filter((s) => s === 'reset').length).toBeGreaterThanOrEqual(4);
      expect(first.filter((s) => s === '200').length).toBeGreaterThanOrEqual(4);
    });
  });
});
