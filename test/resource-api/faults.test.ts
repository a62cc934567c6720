import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAuthfaultError, type FaultInput } from '../../mock-provider/index.js';
import { apiEntries, clientToken, setup, type Setup } from './helpers.js';

const TEST_KEY = 'af_test_demo_0123456789abcdef';
const LIVE_KEY = 'af_live_demo_0123456789abcdef';

describe('faults at the mock API (point `api`), proven through the journal', () => {
  let s: Setup;
  let token: string;
  let realm: string;

  beforeAll(async () => {
    s = await setup();
    realm = s.idp.api;
    token = await clientToken(s.config, 'openid orders:read orders:write', s.idp.api);
  });
  afterAll(() => s.idp.close());
  beforeEach(() => s.idp.faults.clear());

  const get = (path: string, t = token) => s.api().get(path).set('Authorization', `Bearer ${t}`);
  const last = () => apiEntries(s.idp).at(-1)!;

  describe('api.expired-token', () => {
    it('refuses the first token with 401 invalid_token "expired" every time it comes back, and serves the next token', async () => {
      const [fault] = await s.idp.faults.add({ kind: 'api.expired-token', by_s: 45 });
      const first = await clientToken(s.config, 'orders:read', s.idp.api);
      const second = await clientToken(s.config, 'orders:read', s.idp.api);
      const since = s.idp.journal.lastId;
      for (let i = 0; i < 2; i++) {
        const res = await get('/api/orders', first).expect(401);
        expect(res.body.error).toBe('invalid_token');
        expect(res.body.error_description).toMatch(/^the access token expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(45 s ago\) \(authfault api\.expired-token fault\)$/);
        expect(res.headers['www-authenticate']).toBe(`Bearer realm="${realm}", error="invalid_token", error_description="${res.body.error_description}"`);
      }
      await get('/api/orders', second).expect(200);
      const entries = apiEntries(s.idp, since);
      expect(entries.map((e) => e.status)).toEqual([401, 401, 200]);
      expect(entries[0]!.faults).toEqual([{ id: fault!.id, kind: 'api.expired-token', effect: expect.stringMatching(/^refused GET \/api\/orders: invalid_token: the access token expired at /) }]);
      expect(entries[2]!.faults).toEqual([]);
      expect(s.idp.faults.list()[0]).toMatchObject({ applied: 2 });
    });

    it('leaves API keys alone, and never applies to a token that is invalid anyway', async () => {
      await s.idp.faults.add({ kind: 'api.expired-token', tokens: 'all' });
      await s.api().get('/api/orders').set('X-API-Key', TEST_KEY).expect(200);
      const res = await get('/api/orders', 'not-a-token').expect(401);
      expect(res.body.error_description).toBe('the access token is not one this provider issued (unknown, or forgotten since the provider was reset)');
      expect(s.idp.faults.list()[0]).toMatchObject({ applied: 0 });
    });
  });

  describe('api.invalid-token', () => {
    it.each([
      ['revoked', 'the access token has been revoked'],
      ['bad-signature', "the access token's signature does not verify with the provider's key"],
      ['wrong-audience', 'the access token is for another audience, not this API'],
      ['unknown', 'the access token is not one this provider issued'],
    ] as const)('reason %s: 401 invalid_token saying so', async (reason, said) => {
      await s.idp.faults.add({ kind: 'api.invalid-token', reason, tokens: 'all' });
      const res = await get('/api/orders').expect(401);
      expect(res.body).toEqual({ error: 'invalid_token', error_description: `${said} (authfault api.invalid-token fault)` });
      expect(last().faults[0]).toMatchObject({ kind: 'api.invalid-token' });
    });

    it('with tokens: all refuses every token; with the default only the first', async () => {
      await s.idp.faults.add({ kind: 'api.invalid-token' });
      const other = await clientToken(s.config, 'orders:read', s.idp.api);
      await get('/api/orders').expect(401);
      await get('/api/orders', other).expect(200);
      await get('/api/orders').expect(401);
    });
  });

  describe('api.insufficient-scope', () => {
    it('403 Bearer insufficient_scope naming the route’s scope, for a token that has it', async () => {
      await s.idp.faults.add({ kind: 'api.insufficient-scope' });
      const res = await get('/api/orders').expect(403);
      const description = 'this route requires scope "orders:read", which the access token does not carry (authfault api.insufficient-scope fault)';
      expect(res.body).toEqual({ error: 'insufficient_scope', error_description: description, scope: 'orders:read' });
      expect(res.headers['www-authenticate']).toBe(`Bearer realm="${realm}", error="insufficient_scope", error_description="${description.replace(/"/g, "'")}", scope="orders:read"`);
      expect(last()).toMatchObject({ status: 403, api: { route: 'GET /api/orders', error: 'insufficient_scope' }, faults: [{ kind: 'api.insufficient-scope' }] });
    });

    it('scoped to one route with when.route; the scope named by a parameter', async () => {
      await s.idp.faults.add({ kind: 'api.insufficient-scope', scope: 'orders:admin', when: { route: 'POST /api/orders' } });
      await get('/api/orders').expect(200);
      const res = await s.api().post('/api/orders').set('Authorization', `Bearer ${token}`).send({}).expect(403);
      expect(res.body.scope).toBe('orders:admin');
      expect(s.idp.faults.list()[0]).toMatchObject({ matched: 1, applied: 1 });
    });
  });

  describe('api.forbidden', () => {
    it('403 with a body naming the route’s own requirement (GET /api/admin: role = admin)', async () => {
      await s.idp.faults.add({ kind: 'api.forbidden', claim: 'department', value: 'sales' });
      const res = await get('/api/me').expect(403);
      expect(res.body).toEqual({
        error: 'forbidden',
        error_description: 'this route requires claim department = "sales" (it is absent) (authfault api.forbidden fault)',
        required: { department: 'sales' },
      });
      expect(res.headers['www-authenticate']).toBeUndefined();
    });

    it('defaults to role = admin on a route that requires nothing else', async () => {
      await s.idp.faults.add({ kind: 'api.forbidden', when: { route: '/api/orders' } });
      const res = await get('/api/orders').expect(403);
      expect(res.body.required).toEqual({ role: 'admin' });
      expect(last().faults).toEqual([expect.objectContaining({ kind: 'api.forbidden', effect: expect.stringContaining('refused GET /api/orders: forbidden') })]);
    });
  });

  describe('api-key.revoked and api-key.wrong-environment', () => {
    it('api-key.revoked refuses a valid key, naming it by prefix and last four, and leaves Bearer calls alone', async () => {
      await s.idp.faults.add({ kind: 'api-key.revoked' });
      await get('/api/orders').expect(200);
      const res = await s.api().get('/api/orders').set('X-API-Key', TEST_KEY).expect(401);
      expect(res.body).toEqual({
        error: 'api_key_revoked',
        error_description: 'the API key af_test_…cdef (test) has been revoked; create a new key and replace it (authfault api-key.revoked fault)',
        found: 'API key af_test_…cdef (test) in the X-API-Key header',
        expected: 'a test API key in the X-API-Key header that has not been revoked',
      });
      expect(res.headers['www-authenticate']).toContain('error="api_key_revoked"');
      expect(last().faults).toEqual([expect.objectContaining({ kind: 'api-key.revoked' })]);
      expect(s.idp.faults.list()[0]).toMatchObject({ applied: 1 });
    });

    it('api-key.wrong-environment refuses a test key as sent to the live API', async () => {
      await s.idp.faults.add({ kind: 'api-key.wrong-environment' });
      const res = await s.api().get('/api/orders').set('X-API-Key', TEST_KEY).expect(401);
      expect(res.body).toEqual({
        error: 'api_key_wrong_environment',
        error_description: 'the test API key af_test_…cdef was sent to the live API, which accepts only live keys (af_live_…) (authfault api-key.wrong-environment fault)',
        found: 'API key af_test_…cdef (test) in the X-API-Key header',
        expected: 'a live API key (af_live_…) in the X-API-Key header',
      });
    });

    it('api-key.wrong-environment pretending the key’s own environment changes nothing', async () => {
      await s.idp.faults.add({ kind: 'api-key.wrong-environment', environment: 'test' });
      await s.api().get('/api/orders').set('X-API-Key', TEST_KEY).expect(200);
      // A live key is refused by the test API itself, before any fault is asked.
      const res = await s.api().get('/api/orders').set('X-API-Key', LIVE_KEY).expect(401);
      expect(res.body.error_description).not.toContain('authfault');
      expect(s.idp.faults.list()[0]).toMatchObject({ applied: 0 });
    });
  });

  describe('rate-limit, http.error and network.* at `api`, scoped to a route', () => {
    it('rate-limit: 429 with Retry-After on GET /api/orders only; the journal keeps the route and the credential', async () => {
      await s.idp.faults.add({ kind: 'rate-limit', limit: 0, retry_after_s: 2, when: { route: 'GET /api/orders' } });
      const since = s.idp.journal.lastId;
      const res = await get('/api/orders').expect(429);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body.error).toBe('temporarily_unavailable');
      await get('/api/me').expect(200);
      const [limited, me] = apiEntries(s.idp, since);
      expect(limited).toMatchObject({
        status: 429,
        retryAfter: 2,
        api: { route: 'GET /api/orders', tokenKind: 'jwt', foundIn: 'the Authorization header' },
        faults: [{ kind: 'rate-limit', effect: 'answered 429 with Retry-After: 2' }],
      });
      expect(me).toMatchObject({ status: 200, faults: [] });
    });

    it('http.error: 503 on one route', async () => {
      await s.idp.faults.add({ kind: 'http.error', status: 503, when: { route: '/api/me' } });
      await get('/api/orders').expect(200);
      const res = await get('/api/me').expect(503);
      expect(res.body.error).toBe('temporarily_unavailable');
      expect(last()).toMatchObject({ status: 503, api: { route: 'GET /api/me' }, faults: [{ kind: 'http.error' }] });
    });

    it('network.latency: only the route named is slow', async () => {
      await s.idp.faults.add({ kind: 'network.latency', ms: 300, when: { route: 'GET /api/orders' } });
      let t = performance.now();
      await get('/api/me').expect(200);
      expect(performance.now() - t).toBeLessThan(250);
      t = performance.now();
      await get('/api/orders').expect(200);
      expect(performance.now() - t).toBeGreaterThanOrEqual(290);
      expect(last().faults).toEqual([expect.objectContaining({ kind: 'network.latency', effect: 'delayed 300 ms' })]);
    });

    it('network.reset: the connection of that route is reset', async () => {
      await s.idp.faults.add({ kind: 'network.reset', when: { route: 'GET /api/orders' } });
      await expect(get('/api/orders')).rejects.toThrow(/ECONNRESET|socket hang up/);
      await new Promise((r) => setTimeout(r, 50));
      expect(last()).toMatchObject({ outcome: 'reset', api: { route: 'GET /api/orders', tokenKind: 'jwt' } });
    });
  });

  describe('when.route is checked when the fault is set', () => {
    const issues = async (fault: unknown) => {
      try {
        await s.idp.faults.add(fault as FaultInput);
      } catch (error) {
        if (isAuthfaultError(error)) return error.details;
        throw error;
      }
      throw new Error('the fault was accepted');
    };

    it('refuses a route on a kind that cannot apply at api', async () => {
      expect(await issues({ kind: 'state.tampered', when: { route: 'GET /api/orders' } })).toEqual([
        { code: 'FAULT_POINT_UNSUPPORTED', path: ['when', 'route'], message: 'route scopes a fault to calls of the mock API, but state.tampered cannot apply at api', allowed: ['authorize'] },
      ]);
    });

    it('refuses a route with an endpoint list that leaves api out', async () => {
      expect(await issues({ kind: 'rate-limit', when: { endpoint: 'token', route: 'GET /api/orders' } })).toEqual([
        { code: 'FAULT_PARAMS_CONFLICT', path: ['when', 'route'], message: 'route only matches calls of the mock API, so when.endpoint must include api (it is token)' },
      ]);
    });

    it('refuses a route that is not "METHOD /path"', async () => {
      expect(await issues({ kind: 'rate-limit', when: { route: 'orders' } })).toEqual([
        expect.objectContaining({ code: 'FAULT_INVALID_PARAM', path: ['when', 'route'], message: 'expected "METHOD /path" or "/path", e.g. "GET /api/orders" (":name" matches one segment), got "orders"' }),
      ]);
    });
  });
});
