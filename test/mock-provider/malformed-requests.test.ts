import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { EventReader } from '../control/sse.js';

/** One raw request, exactly as given: no client library tidies a header or a path. */
function raw(origin: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type'] ?? ''), body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** What no answer may show: a stack frame or a path of this machine. */
function expectNothingInternal(body: string) {
  expect(body).not.toMatch(/\n\s+at |&nbsp;at |<br>\s*at /);
  expect(body).not.toContain(process.cwd());
  expect(body).not.toMatch(/node_modules|file:\/\//);
}

describe('malformed requests get a 4xx in the OAuth or control API shape, never a stack trace', () => {
  let idp: MockProviderHandle;
  beforeAll(async () => {
    idp = await createMockProvider();
  });
  afterAll(() => idp.close());

  describe('provider endpoints', () => {
    const PATHS = [
      ['GET', '/default/.well-known/openid-configuration'],
      ['GET', '/default/jwks'],
      ['GET', '/default/auth?client_id=demo-app&response_type=code&scope=openid&redirect_uri=http://127.0.0.1:3000/cb'],
      ['POST', '/default/token'],
      ['GET', '/default/me'],
      ['POST', '/default/token/introspection'],
      ['POST', '/default/token/revocation'],
      ['GET', '/default/session/end'],
      ['GET', '/api/me'],
    ] as const;

    it.each(PATHS)('%s %s with "Authorization: Basic JVpaOng=" ("%ZZ:", not form encoding): no 5xx, and the journal entry ends', async (method, path) => {
      const since = idp.journal.lastId;
      const res = await raw(idp.origin, method, path, { authorization: 'Basic JVpaOng=', 'content-type': 'application/x-www-form-urlencoded' }, method === 'POST' ? 'grant_type=client_credentials' : undefined);
      expect(res.status).toBeLessThan(500);
      expectNothingInternal(res.body);
      // Ended with the status sent: before, the entry stayed open (status 0) for good.
      const [entry] = idp.journal.entries(since);
      expect(entry!.status).toBe(res.status);
    });

    it('the token endpoint refuses those credentials as a client error', async () => {
      const res = await raw(idp.origin, 'POST', '/default/token', { authorization: 'Basic JVpaOng=', 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'invalid_request' });
      expect(idp.journal.entries(idp.journal.lastId - 1)).toMatchObject([{ endpoint: 'token', status: 400, clientId: '%ZZ' }]);
    });

    it('an interaction that does not exist: 400 with a page for a browser and OAuth JSON otherwise, neither with a stack or a path', async () => {
      const page = await raw(idp.origin, 'GET', '/default/interaction/bogus', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
      expect(page).toMatchObject({ status: 400, type: expect.stringContaining('text/html') });
      expect(page.body).toContain('interaction session id cookie not found');
      expectNothingInternal(page.body);
      const json = await raw(idp.origin, 'GET', '/default/interaction/bogus');
      expect(json.status).toBe(400);
      expect(JSON.parse(json.body)).toEqual({ error: 'invalid_request', error_description: 'interaction session id cookie not found' });
    });

    it('a path no issuer serves: 404 not_found that names the issuer, in JSON', async () => {
      const res = await raw(idp.origin, 'GET', '/%ZZ/favicon.ico');
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body)).toEqual({
        error: 'not_found',
        error_description: `no route GET /%ZZ/favicon.ico at this provider; the default issuer is ${idp.issuer} (discovery at ${idp.issuer}/.well-known/openid-configuration)`,
      });
    });
  });

  describe('the control API', () => {
    const json = { 'content-type': 'application/json' };

    it('a body over 1 MB: 413 AUTHFAULT_BODY_TOO_LARGE', async () => {
      const res = await raw(idp.origin, 'POST', '/__authfault/faults', json, JSON.stringify({ kind: 'x'.repeat(1_100_000) }));
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toEqual({ error: 'AUTHFAULT_BODY_TOO_LARGE', message: "the body is over the control API's limit of 1mb; send less (a fault, a user or a token request is a few hundred bytes)", details: [] });
    });

    it('a content coding it does not read: 415 AUTHFAULT_BODY_UNSUPPORTED; gzip is read', async () => {
      const bogus = await raw(idp.origin, 'POST', '/__authfault/faults', { ...json, 'content-encoding': 'bogus' }, '{}');
      expect(bogus.status).toBe(415);
      expect(JSON.parse(bogus.body)).toMatchObject({ error: 'AUTHFAULT_BODY_UNSUPPORTED', message: 'unsupported content encoding "bogus": send the body uncompressed, or with Content-Encoding gzip, deflate or br' });
      const gzip = await raw(idp.origin, 'POST', '/__authfault/faults', { ...json, 'content-encoding': 'gzip' }, gzipSync('{"kind":"rate-limit"}'));
      expect(gzip.status).toBe(201);
      idp.faults.clear();
    });

    it('a charset other than UTF-8: 415 AUTHFAULT_BODY_UNSUPPORTED', async () => {
      const res = await raw(idp.origin, 'POST', '/__authfault/faults', { 'content-type': 'application/json; charset=latin-9' }, '{}');
      expect(res.status).toBe(415);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'AUTHFAULT_BODY_UNSUPPORTED', message: 'unsupported charset "LATIN-9": send JSON in UTF-8 (Content-Type: application/json, or with charset=utf-8)' });
    });

    it('a malformed % in a path: 400 AUTHFAULT_BAD_REQUEST', async () => {
      const res = await raw(idp.origin, 'DELETE', '/__authfault/users/%ZZ');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ error: 'AUTHFAULT_BAD_REQUEST', message: "the request could not be read: Failed to decode param '%ZZ'", details: [] });
      expect(idp.users.map((u) => u.id)).toEqual(['alice', 'bob']);
    });

    it('JSON past a limit is refused before anything is stored: 400 AUTHFAULT_JSON_LIMIT at its path', async () => {
      const deep = `${'['.repeat(6000)}${']'.repeat(6000)}`;
      const cases: [string, string, string, string][] = [
        ['/__authfault/faults', 'POST', `{"kind":"token.claims","set":{"x":${deep}}}`, `the body is past a limit at set.x.${Array(30).fill(0).join('.')}: nested deeper than 32 levels`],
        ['/__authfault/faults', 'POST', JSON.stringify({ kind: 'token.claims', set: { x: 'y'.repeat(20_000) } }), 'the body is past a limit at set.x: a string of 20000 characters; at most 16384'],
        ['/__authfault/faults', 'POST', JSON.stringify(Array.from({ length: 1001 }, () => ({ kind: 'rate-limit' }))), 'the body is past a limit: 1001 members; at most 1000'],
        ['/__authfault/users/alice', 'PATCH', '{"__proto__":{"roles":["admin"]}}', 'the body is past a limit at __proto__: the key "__proto__" is not allowed'],
        ['/__authfault/users/carol', 'PUT', JSON.stringify({ claims: { bio: 'z'.repeat(16_385) } }), 'the body is past a limit at claims.bio: a string of 16385 characters; at most 16384'],
        ['/__authfault/tokens', 'POST', JSON.stringify({ sub: 'alice', claims: { a: JSON.parse(`${'{"b":'.repeat(40)}1${'}'.repeat(40)}`) } }), `the body is past a limit at claims.a.${Array(30).fill('b').join('.')}: nested deeper than 32 levels`],
        ['/__authfault/tenants', 'POST', JSON.stringify({ name: 'n'.repeat(20_000) }), 'the body is past a limit at name: a string of 20000 characters; at most 16384'],
      ];
      for (const [path, method, body, message] of cases) {
        const res = await raw(idp.origin, method, path, json, body);
        expect(res.status, `${method} ${path}`).toBe(400);
        expect(JSON.parse(res.body), `${method} ${path}`).toMatchObject({ error: 'AUTHFAULT_JSON_LIMIT', message });
      }
      expect(idp.faults.list()).toEqual([]);
      expect(idp.users.get('alice')!.roles).toBeUndefined();
      expect(idp.users.get('carol')).toBeUndefined();
      expect(idp.tenants()).toEqual([]);
    });

    it('with an event stream open, a refused deep fault changes nothing and the provider keeps answering', async () => {
      const stream = await EventReader.open(`${idp.admin}/events`);
      try {
        await stream.next((e) => e.event === 'ready');
        const deep = `{"kind":"token.claims","set":{"x":${'['.repeat(6000)}${']'.repeat(6000)}}}`;
        expect((await raw(idp.origin, 'POST', '/__authfault/faults', json, deep)).status).toBe(400);
        for (let i = 0; i < 3; i++) expect((await raw(idp.origin, 'GET', '/default/jwks')).status).toBe(200);
        await stream.next((e) => e.event === 'journal' && e.data.phase === 'end' && e.data.entry.path === '/default/jwks');
        expect((await raw(idp.origin, 'GET', '/__authfault/faults')).body).toBe('{"faults":[]}');
      } finally {
        stream.close();
      }
    });
  });

  describe('the same limits in code', () => {
    it('faults.add, users.set and issueToken refuse a value past a limit with their own codes', async () => {
      const deep = JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) as unknown;
      await expect(idp.faults.add({ kind: 'token.claims', set: { x: deep } } as never)).rejects.toMatchObject({ code: 'AUTHFAULT_FAULT_INVALID', message: expect.stringContaining('nested deeper than 32 levels') });
      expect(() => idp.users.set({ id: 'dora', claims: { x: deep } })).toThrow(expect.objectContaining({ code: 'AUTHFAULT_USER_INVALID' }));
      await expect(idp.issueToken({ sub: 'alice', claims: { x: deep } } as never)).rejects.toMatchObject({ code: 'AUTHFAULT_TOKEN_INVALID' });
      expect(idp.faults.list()).toEqual([]);
      expect(idp.users.get('dora')).toBeUndefined();
    });
  });
});
