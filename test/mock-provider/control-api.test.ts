import { networkInterfaces } from 'node:os';
import supertest from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CATEGORIES, INJECTION_POINTS, createMockProvider, kindNames, type MockProviderHandle } from '../../mock-provider/index.js';
import { isLoopback } from '../../mock-provider/control/admin-api.js';
import { authorizationRequest } from '../helpers/authorization-request.js';
import { UserAgent } from '../helpers/user-agent.js';

const REDIRECT = 'http://127.0.0.1:9/callback';

describe('control API under /__authfault', () => {
  let idp: MockProviderHandle;
  let api: supertest.Agent;

  beforeAll(async () => {
    idp = await createMockProvider({
      seed: 'control-api-seed',
      clients: [{ client_id: 'app', client_secret: 'app-secret-control', redirect_uris: [REDIRECT] }],
    });
    api = supertest.agent(idp.admin);
  });
  afterAll(() => idp.close());
  beforeEach(() => idp.reset());

  /** POST /faults and expect 400 AUTHFAULT_FAULT_INVALID; returns the body. Nothing may be set. */
  async function rejected(body: unknown) {
    const res = await api.post('/faults').send(body as object).expect(400).expect('content-type', /application\/json/);
    expect(res.body.error).toBe('AUTHFAULT_FAULT_INVALID');
    expect((await api.get('/faults').expect(200)).body).toEqual({ faults: [] });
    return res.body as { error: string; message: string; details: unknown[] };
  }

  describe('GET /health', () => {
    it('says it is a mock and names the issuer, the seed and how many faults are set', async () => {
      const res = await api.get('/health').expect(200).expect('content-type', /application\/json/);
      expect(res.body).toEqual({ status: 'ok', mock: true, issuer: idp.issuer, admin: idp.admin, seed: 'control-api-seed', faults: 0 });
      await idp.faults.add({ kind: 'rate-limit' });
      expect((await api.get('/health').expect(200)).body.faults).toBe(1);
    });
  });

  describe('GET /kinds', () => {
    it('describes every registered kind with its parameters as JSON Schema', async () => {
      const { body } = await api.get('/kinds').expect(200).expect('content-type', /application\/json/);
      expect(body.kinds.map((k: { kind: string }) => k.kind)).toEqual(kindNames());
      for (const k of body.kinds) {
        expect(k).toMatchObject({
          kind: expect.stringMatching(/^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/),
          summary: expect.stringMatching(/\S/),
          correctClient: expect.stringMatching(/\S/),
          why: expect.stringMatching(/\S/),
          fix: expect.stringMatching(/\S/),
          parameters: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', additionalProperties: false },
        });
        expect(CATEGORIES).toContain(k.category);
        expect(k.points.length).toBeGreaterThan(0);
        for (const p of k.points) expect(INJECTION_POINTS).toContain(p);
        for (const p of k.defaultPoints) expect(k.points).toContain(p);
        expect(k.references.length).toBeGreaterThan(0);
        for (const r of k.references) expect(r).toMatch(/\S/);
      }
    });

    it('spells out each parameter: type, enum, default and bounds', async () => {
      const { body } = await api.get('/kinds').expect(200);
      const byKind = Object.fromEntries(body.kinds.map((k: { kind: string }) => [k.kind, k]));
      expect(byKind['state.tampered']).toMatchObject({
        category: 'oauth-flow',
        points: ['authorize'],
        defaultPoints: ['authorize'],
        references: ['RFC 6749 §10.12', 'RFC 9700 §4.7', 'OIDC Core §3.1.2.7'],
      });
      expect(byKind['state.tampered'].parameters.properties).toEqual({
        value: { type: 'string', minLength: 1, description: 'The state to send back instead; default: the real state with "1" appended.' },
      });
      expect(byKind['token.expired']).toMatchObject({ category: 'tokens', points: ['token'], defaultPoints: ['token'] });
      expect(byKind['token.expired'].parameters.properties.token).toMatchObject({
        type: 'string',
        enum: ['id_token', 'access_token', 'refresh_token'],
        default: 'id_token',
      });
      expect(byKind['token.expired'].parameters.properties.by_s).toMatchObject({ type: 'integer', minimum: 1, default: 360 });
      expect(byKind['rate-limit']).toMatchObject({
        category: 'rate-limits',
        points: INJECTION_POINTS.filter((p) => p !== 'transport'),
        defaultPoints: ['token'],
      });
      expect(byKind['rate-limit'].parameters.properties).toMatchObject({
        limit: { type: 'integer', minimum: 0, default: 0 },
        window_s: { type: 'integer', minimum: 1, default: 60 },
        retry_after_s: { type: 'integer', minimum: 0 },
        per: { type: 'string', enum: ['all', 'client', 'ip'], default: 'all' },
      });
    });
  });

  describe('GET /faults and POST /faults', () => {
    it('lists nothing before a fault is set', async () => {
      expect((await api.get('/faults').expect(200).expect('content-type', /application\/json/)).body).toEqual({ faults: [] });
    });

    it('sets one fault: 201 with its id, its parameters with defaults, and zeroed counters', async () => {
      const res = await api.post('/faults').send({ kind: 'token.expired', token: 'access_token', when: { endpoint: 'token', times: 3 } }).expect(201);
      expect(res.body).toEqual({
        faults: [
          {
            id: expect.stringMatching(/^f\d+$/),
            kind: 'token.expired',
            params: { token: 'access_token', by_s: 360 },
            when: { endpoint: ['token'], times: 3 },
            createdAt: expect.any(String),
            matched: 0,
            applied: 0,
          },
        ],
      });
      expect(Math.abs(Date.parse(res.body.faults[0].createdAt) - Date.now())).toBeLessThan(60_000);
      expect((await api.get('/faults').expect(200)).body).toEqual(res.body);
      expect(idp.faults.list()).toEqual(res.body.faults);
    });

    it('sets an array of faults: 201 with one id each, in order', async () => {
      const res = await api
        .post('/faults')
        .send([{ kind: 'state.tampered', value: 'x' }, { kind: 'token.expired', token: 'access_token', by_s: 5 }])
        .expect(201);
      const ids = res.body.faults.map((f: { id: string }) => f.id);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(2);
      expect(res.body.faults.map((f: { kind: string; params: unknown }) => [f.kind, f.params])).toEqual([
        ['state.tampered', { value: 'x' }],
        ['token.expired', { token: 'access_token', by_s: 5 }],
      ]);
      expect((await api.get('/faults').expect(200)).body.faults.map((f: { id: string }) => f.id)).toEqual(ids);
    });

    it('refuses an unknown kind with a did-you-mean, listing the kinds in the details', async () => {
      const body = await rejected({ kind: 'state.tamperd' });
      const message = 'unknown fault kind "state.tamperd" — did you mean "state.tampered"? (`authfault faults` lists every kind)';
      expect(body).toEqual({
        error: 'AUTHFAULT_FAULT_INVALID',
        message: `kind: ${message}`,
        details: [{ code: 'FAULT_UNKNOWN_KIND', path: ['kind'], message, allowed: kindNames(), suggestion: 'state.tampered' }],
      });
    });

    it('refuses a fault without a kind', async () => {
      const body = await rejected({ limit: 1 });
      expect(body.details).toEqual([
        { code: 'FAULT_KIND_MISSING', path: ['kind'], message: '`kind` is required and must be a string', allowed: kindNames() },
      ]);
    });

    it('refuses an unknown parameter, naming the allowed keys and the likely one', async () => {
      const kinds = (await api.get('/kinds').expect(200)).body.kinds as { kind: string; parameters: { properties: object } }[];
      const allowed = [...Object.keys(kinds.find((k) => k.kind === 'rate-limit')!.parameters.properties), 'kind', 'when'];
      expect(allowed.slice(0, 4)).toEqual(['limit', 'window_s', 'retry_after_s', 'per']);
      const body = await rejected({ kind: 'rate-limit', limt: 2 });
      expect(body).toEqual({
        error: 'AUTHFAULT_FAULT_INVALID',
        message: `limt: unknown key "limt" — did you mean "limit"? (allowed: ${allowed.join(', ')})`,
        details: [
          { code: 'FAULT_UNKNOWN_KEY', path: ['limt'], at: 'key', message: 'unknown key "limt" — did you mean "limit"?', allowed, suggestion: 'limit' },
        ],
      });
    });

    it('refuses an unknown key in the envelope, naming the envelope keys', async () => {
      const body = await rejected({ kind: 'rate-limit', when: { time: 1 } });
      expect(body.details).toEqual([
        {
          code: 'FAULT_UNKNOWN_KEY',
          path: ['when', 'time'],
          at: 'key',
          message: 'unknown key "time" — did you mean "times"?',
          allowed: ['endpoint', 'client', 'nth', 'times', 'probability', 'after_ms', 'route'],
          suggestion: 'times',
        },
      ]);
    });

    it('refuses a value outside an enum, listing the allowed values', async () => {
      const body = await rejected({ kind: 'rate-limit', per: 'user' });
      expect(body).toEqual({
        error: 'AUTHFAULT_FAULT_INVALID',
        message: 'per: invalid value "user" (allowed: all, client, ip)',
        details: [{ code: 'FAULT_INVALID_VALUE', path: ['per'], message: 'invalid value "user"', expected: 'one of all, client, ip', allowed: ['all', 'client', 'ip'] }],
      });
    });

    it('refuses an injection point the kind does not support, listing the ones it does', async () => {
      const body = await rejected({ kind: 'state.tampered', when: { endpoint: ['authorize', 'token'] } });
      expect(body).toEqual({
        error: 'AUTHFAULT_FAULT_INVALID',
        message: 'when.endpoint: state.tampered cannot apply at token (allowed: authorize)',
        details: [
          {
            code: 'FAULT_POINT_UNSUPPORTED',
            path: ['when', 'endpoint'],
            message: 'state.tampered cannot apply at token',
            allowed: ['authorize'],
          },
        ],
      });
    });

    it('refuses an unknown injection point, alone or in a list, listing the points', async () => {
      const message = 'invalid value "tokne" — did you mean "token"?';
      const detail = { code: 'FAULT_INVALID_VALUE', message, expected: `one of ${INJECTION_POINTS.join(', ')}`, allowed: [...INJECTION_POINTS], suggestion: 'token' };
      const single = await rejected({ kind: 'rate-limit', when: { endpoint: 'tokne' } });
      expect(single).toEqual({
        error: 'AUTHFAULT_FAULT_INVALID',
        message: `when.endpoint: ${message} (allowed: ${INJECTION_POINTS.join(', ')})`,
        details: [{ ...detail, path: ['when', 'endpoint'] }],
      });
      const list = await rejected({ kind: 'rate-limit', when: { endpoint: ['token', 'tokne'] } });
      expect(list.details).toEqual([{ ...detail, path: ['when', 'endpoint', 1] }]);
    });

    it('reports every problem of every fault at once, positioned by index', async () => {
      const body = await rejected([{ kind: 'rate-limit', limit: -1, when: { nth: 0 } }, { kind: 'token.expired', token: 'code' }]);
      expect(body.details).toEqual([
        { code: 'FAULT_INVALID_PARAM', path: [0, 'when', 'nth'], message: 'must be at least 1, got 0' },
        { code: 'FAULT_INVALID_PARAM', path: [0, 'limit'], message: 'must be at least 0, got -1' },
        {
          code: 'FAULT_INVALID_VALUE',
          path: [1, 'token'],
          message: 'invalid value "code"',
          expected: 'one of id_token, access_token, refresh_token',
          allowed: ['id_token', 'access_token', 'refresh_token'],
        },
      ]);
      expect(body.message).toBe('0.when.nth: must be at least 1, got 0; 0.limit: must be at least 0, got -1; 1.token: invalid value "code" (allowed: id_token, access_token, refresh_token)');
    });

    it('sets none of an array when one fault is invalid (all or nothing)', async () => {
      const body = await rejected([{ kind: 'rate-limit' }, { kind: 'state.tampered' }, { kind: 'nope' }]);
      expect(body.details).toEqual([
        { code: 'FAULT_UNKNOWN_KIND', path: [2, 'kind'], message: 'unknown fault kind "nope" (`authfault faults` lists every kind)', allowed: kindNames() },
      ]);
    });

    it('refuses a body that is not JSON', async () => {
      const res = await api.post('/faults').set('content-type', 'application/json').send('{"kind": rate-limit}').expect(400);
      expect(res.body).toEqual({
        error: 'AUTHFAULT_BAD_JSON',
        message: 'the body is not valid JSON: Unexpected token \'r\', "{"kind": rate-limit}" is not valid JSON',
        details: [],
      });
      expect((await api.get('/faults').expect(200)).body).toEqual({ faults: [] });
    });

    it('refuses an array item that is not a mapping, positioned by index', async () => {
      const res = await api.post('/faults').send([{ kind: 'rate-limit' }, 'state.tampered']).expect(400);
      expect(res.body).toEqual({
        error: 'AUTHFAULT_FAULT_INVALID',
        message: '1: a fault must be a mapping with at least `kind`',
        details: [{ code: 'FAULT_NOT_OBJECT', path: [1], message: 'a fault must be a mapping with at least `kind`' }],
      });
      expect((await api.get('/faults').expect(200)).body).toEqual({ faults: [] });
    });

    it('refuses a body that is not JSON at all, or not sent as JSON', async () => {
      const text = await api.post('/faults').set('content-type', 'text/plain').send('kind: rate-limit').expect(400);
      expect(text.body).toEqual({
        error: 'AUTHFAULT_BAD_REQUEST',
        message: 'send the fault as JSON, with Content-Type: application/json',
        details: [],
      });
      // Top-level scalars are valid JSON; they reach the fault decoder and get its message.
      for (const json of ['"rate-limit"', '42', 'null']) {
        const res = await api.post('/faults').set('content-type', 'application/json').send(json).expect(400);
        expect(res.body).toEqual({
          error: 'AUTHFAULT_FAULT_INVALID',
          message: 'a fault must be a mapping with at least `kind`',
          details: [{ code: 'FAULT_NOT_OBJECT', path: [], message: 'a fault must be a mapping with at least `kind`' }],
        });
      }
      const broken = await api.post('/faults').set('content-type', 'application/json').send('{"kind": ').expect(400);
      expect(broken.body.error).toBe('AUTHFAULT_BAD_JSON');
      expect((await api.get('/faults').expect(200)).body).toEqual({ faults: [] });
    });
  });

  describe('DELETE /faults/:id and DELETE /faults', () => {
    it('removes one fault (204), then says it is gone (404 AUTHFAULT_FAULT_NOT_FOUND)', async () => {
      const [kept, removed] = await idp.faults.add([{ kind: 'rate-limit' }, { kind: 'state.tampered' }]);
      const res = await api.delete(`/faults/${removed!.id}`).expect(204);
      expect(res.text).toBe('');
      expect((await api.get('/faults').expect(200)).body.faults.map((f: { id: string }) => f.id)).toEqual([kept!.id]);
      const again = await api.delete(`/faults/${removed!.id}`).expect(404);
      expect(again.body).toEqual({
        error: 'AUTHFAULT_FAULT_NOT_FOUND',
        message: `no fault with id "${removed!.id}"; GET /__authfault/faults lists them`,
        details: [],
      });
    });

    it('removes every fault (204)', async () => {
      await idp.faults.add([{ kind: 'rate-limit' }, { kind: 'state.tampered' }]);
      await api.delete('/faults').expect(204);
      expect((await api.get('/faults').expect(200)).body).toEqual({ faults: [] });
      expect(idp.faults.list()).toEqual([]);
    });
  });

  describe('GET /journal and DELETE /journal', () => {
    it('returns the provider requests (not its own) with the last id, and filters with ?since=N', async () => {
      const idpHttp = supertest(idp.origin);
      await idpHttp.get('/default/.well-known/openid-configuration').expect(200);
      await idpHttp.get('/default/jwks').expect(200);
      await idpHttp.get('/default/nowhere').expect(404);
      const all = await api.get('/journal').expect(200).expect('content-type', /application\/json/);
      expect(all.body.entries.map((e: { endpoint: string; method: string; path: string; status: number }) => [e.endpoint, e.method, e.path, e.status])).toEqual([
        ['discovery', 'GET', '/default/.well-known/openid-configuration', 200],
        ['jwks', 'GET', '/default/jwks', 200],
        ['other', 'GET', '/default/nowhere', 404],
      ]);
      const [first, second, third] = all.body.entries as { id: number; time: string; durationMs: number; faults: unknown[] }[];
      expect([second!.id, third!.id]).toEqual([first!.id + 1, first!.id + 2]);
      expect(all.body.lastId).toBe(third!.id);
      expect(idp.journal.lastId).toBe(third!.id);
      expect(first!.faults).toEqual([]);
      expect(Number.isNaN(Date.parse(first!.time))).toBe(false);
      expect(first!.durationMs).toBeGreaterThanOrEqual(0);

      const since = await api.get(`/journal?since=${first!.id}`).expect(200);
      expect(since.body.entries.map((e: { id: number }) => e.id)).toEqual([second!.id, third!.id]);
      expect(since.body.lastId).toBe(third!.id);
      expect((await api.get(`/journal?since=${third!.id}`).expect(200)).body.entries).toEqual([]);
    });

    it.each(['abc', '-1', '1.5'])('refuses ?since=%s (400 AUTHFAULT_BAD_REQUEST)', async (since) => {
      const res = await api.get(`/journal?since=${since}`).expect(400);
      expect(res.body).toEqual({
        error: 'AUTHFAULT_BAD_REQUEST',
        message: '`since` must be a journal entry id (a whole number ≥ 0)',
        details: [],
      });
    });

    it('clears the journal (204); ids keep counting so a harness never reads an old id again', async () => {
      await supertest(idp.origin).get('/default/jwks').expect(200);
      const before = idp.journal.lastId;
      await api.delete('/journal').expect(204);
      const res = await api.get('/journal').expect(200);
      expect(res.body).toEqual({ entries: [], lastId: before });
      await supertest(idp.origin).get('/default/jwks').expect(200);
      expect(idp.journal.entries().map((e) => e.id)).toEqual([before + 1]);
    });
  });

  describe('POST /reset', () => {
    it('forgets faults, journal and sessions: a session cookie from before no longer skips login', async () => {
      const ua = await UserAgent.open();
      try {
        const first = await authorizationRequest(idp.issuer, 'app', REDIRECT);
        const callback = await ua.authorize(first.url.href, REDIRECT, 'alice');
        expect(callback.searchParams.get('code')).toBeTruthy();

        // The same browser comes back: its session signs it in without the login page.
        const again = await ua.visit((await authorizationRequest(idp.issuer, 'app', REDIRECT)).url.href, REDIRECT);
        expect(again.redirect?.searchParams.get('code')).toBeTruthy();

        await idp.faults.add({ kind: 'rate-limit', when: { endpoint: 'discovery' } });
        expect(idp.journal.entries().length).toBeGreaterThan(0);
        await api.post('/reset').expect(204);

        expect((await api.get('/faults').expect(200)).body).toEqual({ faults: [] });
        expect((await api.get('/journal').expect(200)).body.entries).toEqual([]);
        const after = await ua.visit((await authorizationRequest(idp.issuer, 'app', REDIRECT)).url.href, REDIRECT);
        expect(after.redirect).toBeUndefined();
        expect(after.page?.status).toBe(200);
        expect(after.page?.html).toContain('>Sign in as alice</button>');
      } finally {
        await ua.dispose();
      }
    });
  });

  describe('unknown routes', () => {
    it.each([
      ['get', '/nope', 'GET /__authfault/nope'],
      ['put', '/faults', 'PUT /__authfault/faults'],
      ['post', '/journal', 'POST /__authfault/journal'],
    ] as const)('%s %s → 404 AUTHFAULT_NOT_FOUND with the list of routes', async (method, path, named) => {
      const res = await api[method](path).expect(404).expect('content-type', /application\/json/);
      expect(res.body).toMatchObject({ error: 'AUTHFAULT_NOT_FOUND', message: `no control route ${named}` });
      expect(res.body.details).toEqual(expect.arrayContaining(['GET /health', 'POST /faults', 'GET /journal?since=N', 'DELETE /tenants/:name', 'POST /tenants {"name"}']));
    });

    it('lists exactly the routes it serves: each listed one is answered by its own handler, not by the 404', async () => {
      const { body } = await api.get('/nope').expect(404);
      const listed = body.details as string[];
      expect(listed.length).toBeGreaterThan(20);
      for (const line of listed) {
        const [, method, path] = /^(GET|POST|PUT|PATCH|DELETE) (\/[^ ?]*)/.exec(line)!;
        // The event stream never ends; events.test.ts covers it.
        if (path === '/events') continue;
        const res = await api[method!.toLowerCase() as 'get'](path!.replace(/:\w+/, 'x')).set('accept', 'text/html');
        expect({ line, answer: res.body?.message }).not.toMatchObject({ answer: expect.stringMatching(/^no control route/) });
      }
    });
  });
});

describe('control API: who may call it', () => {
  it('isLoopback accepts 127.0.0.0/8 and ::1 (also IPv4-mapped) and nothing else', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a), a).toBe(true);
    for (const a of [undefined, '', '0.0.0.0', '::', '192.0.2.2', '10.0.0.1', '::ffff:10.0.0.1', 'fd00::2', '::ffff:128.0.0.1'])
      expect(isLoopback(a), String(a)).toBe(false);
  });

  // The guard itself needs a caller that is not on loopback; this machine's own non-loopback
  // address serves, as the kernel reports it as the peer address. Without one, only isLoopback runs.
  const external = nonLoopbackAddress();
  describe.runIf(external !== undefined)(`from the non-loopback address ${external ?? '(none on this machine)'}`, () => {
    const providers: MockProviderHandle[] = [];
    afterAll(() => Promise.all(providers.map((p) => p.close())));

    async function start(token?: string) {
      const idp = await createMockProvider({ host: external!, ...(token ? { admin: { token } } : {}) });
      providers.push(idp);
      return idp;
    }

    it('refuses a caller without a configured token (403 AUTHFAULT_ADMIN_FORBIDDEN), but serves the provider', async () => {
      const idp = await start();
      expect(new URL(idp.origin).hostname).toBe(external!.includes(':') ? `[${external}]` : external);
      const res = await supertest(idp.admin).get('/health').expect(403);
      expect(res.body).toEqual({
        error: 'AUTHFAULT_ADMIN_FORBIDDEN',
        message: 'the control API only answers loopback callers; set provider.admin.token to allow others',
        details: [],
      });
      await supertest(idp.admin).post('/reset').set('authorization', 'Bearer whatever-token-you-like').expect(403);
      await supertest(idp.origin).get('/default/.well-known/openid-configuration').expect(200);
    });

    it('with admin.token, answers 200 to "Authorization: Bearer <token>" and 403 to anything else', async () => {
      const token = 'admin-token-0123456789abcdef';
      const idp = await start(token);
      const message = 'the control API needs "Authorization: Bearer <admin token>" from non-loopback callers';
      for (const header of [undefined, 'Bearer wrong-token-0123456789abc', `Basic ${token}`, `bearer${token}`]) {
        const req = supertest(idp.admin).get('/health');
        const res = await (header ? req.set('authorization', header) : req).expect(403);
        expect(res.body).toEqual({ error: 'AUTHFAULT_ADMIN_FORBIDDEN', message, details: [] });
      }
      const ok = await supertest(idp.admin).get('/health').set('authorization', `Bearer ${token}`).expect(200);
      expect(ok.body).toMatchObject({ mock: true, issuer: idp.issuer });
      await supertest(idp.admin).post('/faults').set('authorization', `Bearer ${token}`).send({ kind: 'rate-limit' }).expect(201);
    });
  });
});

function nonLoopbackAddress(): string | undefined {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const usable = addresses.filter((a) => !a.internal && !isLoopback(a.address) && !a.address.startsWith('fe80:'));
  return (usable.find((a) => a.family === 'IPv4') ?? usable[0])?.address;
}
