import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'supertest';
import { apiEntries, setup, type Setup } from './helpers.js';

const TEST_KEY = 'af_test_demo_0123456789abcdef';
const LIVE_KEY = 'af_live_demo_0123456789abcdef';
const REVOKED_KEY = 'af_test_revoked_0123456789ab';
const EXPECTED = 'a test API key (af_test_…) in the X-API-Key header';

describe('mock API: API keys, and a 401 that says what was found where', () => {
  let s: Setup;
  let realm: string;

  beforeAll(async () => {
    s = await setup();
    realm = s.idp.api;
  });
  afterAll(() => s.idp.close());

  /** A 401 for an API key: the challenge names the header and the error, the body what was found where. */
  function keyRefusal(res: Response, error: string) {
    expect(res.status).toBe(401);
    expect(res.body.error).toBe(error);
    const description = res.body.error_description as string;
    expect(res.headers['www-authenticate']).toBe(
      `Bearer realm="${realm}", ApiKey realm="${realm}", header="X-API-Key", error="${error}", error_description="${description.replace(/…/g, '...')}"`,
    );
    expect(JSON.stringify(res.body)).not.toContain('0123456789abcdef');
    return res.body as { error_description: string; found: string; expected: string };
  }

  it('serves a test key in the X-API-Key header, and journals where it was found', async () => {
    const since = s.idp.journal.lastId;
    const res = await s.api().get('/api/orders').set('X-API-Key', TEST_KEY).expect(200);
    expect(res.body.orders).toHaveLength(2);
    expect(apiEntries(s.idp, since)[0]!.api).toEqual({
      route: 'GET /api/orders',
      tokenKind: 'api-key',
      foundIn: 'the X-API-Key header',
      scopes: ['openid', 'orders:read', 'orders:write'],
      subject: 'API key af_test_…cdef (test)',
    });
  });

  it('reads the header name case-insensitively, as HTTP does (x-api-key)', async () => {
    await s.api().get('/api/orders').set('x-api-key', TEST_KEY).expect(200);
  });

  describe('in the wrong place', () => {
    const cases: [string, (r: ReturnType<Setup['api']>) => Promise<Response>, string][] = [
      ['the query string', (r) => r.get(`/api/orders?api_key=${TEST_KEY}`), 'the query string parameter api_key'],
      ['the query string as access_token', (r) => r.get(`/api/orders?access_token=${TEST_KEY}`), 'the query string parameter access_token'],
      ['a JSON body', (r) => r.post('/api/orders').send({ apiKey: TEST_KEY }), 'the request body field apiKey'],
      ['a form body', (r) => r.post('/api/orders').type('form').send({ key: TEST_KEY }), 'the request body field key'],
      ['Authorization: Bearer <key>', (r) => r.get('/api/orders').set('Authorization', `Bearer ${TEST_KEY}`), 'the Authorization header as a Bearer token'],
      ['Authorization: ApiKey <key>', (r) => r.get('/api/orders').set('Authorization', `ApiKey ${TEST_KEY}`), 'the Authorization header (scheme ApiKey)'],
      ['Basic credentials', (r) => r.get('/api/orders').set('Authorization', `Basic ${Buffer.from(`${TEST_KEY}:`).toString('base64')}`), 'the Authorization header inside Basic credentials'],
      ['a wrongly named header (Api-Key)', (r) => r.get('/api/orders').set('Api-Key', TEST_KEY), 'the Api-Key header'],
      ['a wrongly named header (X-Api-Token)', (r) => r.get('/api/orders').set('X-Api-Token', TEST_KEY), 'the X-Api-Token header'],
    ];
    it.each(cases)('%s: 401 api_key_misplaced naming the place and the header expected', async (_name, send, where) => {
      const body = keyRefusal(await send(s.api()), 'api_key_misplaced');
      expect(body).toEqual({
        error: 'api_key_misplaced',
        error_description: `found API key af_test_…cdef (test) in ${where}; API keys go in the X-API-Key header`,
        found: `API key af_test_…cdef (test) in ${where}`,
        expected: EXPECTED,
      });
      expect(apiEntries(s.idp).at(-1)!.api).toMatchObject({ tokenKind: 'api-key', foundIn: where, error: 'api_key_misplaced' });
    });
  });

  it('the other environment’s key: 401 api_key_wrong_environment', async () => {
    const body = keyRefusal(await s.api().get('/api/orders').set('X-API-Key', LIVE_KEY), 'api_key_wrong_environment');
    expect(body).toEqual({
      error: 'api_key_wrong_environment',
      error_description: 'the live API key af_live_…cdef was sent to the test API, which accepts only test keys (af_test_…)',
      found: 'API key af_live_…cdef (live) in the X-API-Key header',
      expected: EXPECTED,
    });
  });

  it('an unknown key with the other environment’s prefix is the same mistake', async () => {
    const body = keyRefusal(await s.api().get('/api/orders').set('X-API-Key', 'af_live_somebody_elses_key_99'), 'api_key_wrong_environment');
    expect(body.error_description).toBe('the live API key af_live_…y_99 was sent to the test API, which accepts only test keys (af_test_…)');
  });

  it('a revoked key: 401 api_key_revoked', async () => {
    const body = keyRefusal(await s.api().get('/api/orders').set('X-API-Key', REVOKED_KEY), 'api_key_revoked');
    expect(body).toEqual({
      error: 'api_key_revoked',
      error_description: 'the API key af_test_…89ab (test) has been revoked; create a new key and replace it',
      found: 'API key af_test_…89ab (test) in the X-API-Key header',
      expected: EXPECTED,
    });
  });

  it('an unknown key with the right prefix, and a value that is no key at all', async () => {
    const unknown = keyRefusal(await s.api().get('/api/orders').set('X-API-Key', 'af_test_not_a_real_key_1234'), 'api_key_unknown');
    expect(unknown.error_description).toBe('the value in the X-API-Key header is not a test API key this API knows (it has the test prefix, but no such key exists)');
    const jwt = keyRefusal(await s.api().get('/api/orders').set('X-API-Key', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln'), 'api_key_unknown');
    expect(jwt).toEqual({
      error: 'api_key_unknown',
      error_description: 'the value in the X-API-Key header is not an API key of this API; it looks like a JWT: send access tokens as Authorization: Bearer <token>',
      found: 'an unknown value in the X-API-Key header',
      expected: EXPECTED,
    });
  });

  it('a key without the role a route requires: 403 forbidden, like a token', async () => {
    const res = await s.api().get('/api/admin').set('X-API-Key', TEST_KEY).expect(403);
    expect(res.body.required).toEqual({ role: 'admin' });
  });
});

describe('mock API: API key configuration', () => {
  let s: Setup;

  beforeAll(async () => {
    s = await setup({
      api: {
        environment: 'live',
        header: 'Authfault-Key',
        routes: [
          { path: '/reports', scopes: ['reports:read'], auth: ['api-key'], response: { reports: [], who: '{sub}' } },
          { path: '/tokens-only', auth: ['bearer'] },
        ],
        keys: [
          { key: 'acme_live_0000111122223333', environment: 'live', prefix: 'acme_live_', scopes: ['reports:read'] },
          { key: 'acme_test_0000111122223333', environment: 'test', prefix: 'acme_test_' },
        ],
      },
    });
  });
  afterAll(() => s.idp.close());

  it('uses the configured header, environment, prefixes and scopes', async () => {
    const res = await s.api().get('/api/reports').set('Authfault-Key', 'acme_live_0000111122223333').expect(200);
    expect(res.body).toEqual({ reports: [], who: 'API key acme_live_…3333 (live)' });
    const misplaced = await s.api().get('/api/reports').set('X-API-Key', 'acme_live_0000111122223333').expect(401);
    expect(misplaced.body).toMatchObject({
      error: 'api_key_misplaced',
      found: 'API key acme_live_…3333 (live) in the X-API-Key header',
      expected: 'a live API key (acme_live_…) in the Authfault-Key header',
    });
    const test = await s.api().get('/api/reports').set('Authfault-Key', 'acme_test_0000111122223333').expect(401);
    expect(test.body.error_description).toBe('the test API key acme_test_…3333 was sent to the live API, which accepts only live keys (acme_live_…)');
  });

  it('a route that takes API keys only challenges for ApiKey alone, and refuses a Bearer token', async () => {
    const res = await s.api().get('/api/reports').expect(401);
    expect(res.headers['www-authenticate']).toBe(`ApiKey realm="${s.idp.api}", header="Authfault-Key"`);
    const bearer = await s.api().get('/api/reports').set('Authorization', 'Bearer abc').expect(401);
    expect(bearer.body.error_description).toBe('this route does not accept Bearer access tokens (found one in the Authorization header); send an API key in the Authfault-Key header');
  });

  it('a route that takes tokens only refuses a key in the right header with api_key_not_accepted', async () => {
    const res = await s.api().get('/api/tokens-only').set('Authfault-Key', 'acme_live_0000111122223333').expect(401);
    expect(res.headers['www-authenticate']).toBe(`Bearer realm="${s.idp.api}"`);
    expect(res.body).toEqual({
      error: 'api_key_not_accepted',
      error_description: 'this route does not accept API keys; send an access token as Authorization: Bearer <token>',
      found: 'API key acme_live_…3333 (live) in the Authfault-Key header',
      expected: 'an access token as Authorization: Bearer <token>',
    });
  });
});
