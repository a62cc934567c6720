import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../harness/language/load.js';
import { formatIssue } from '../../harness/util/issues.js';
import { journalChecks } from '../../harness/verdict/judge.js';
import { lines, useTempFiles } from '../harness/temp-files.js';
import { clientToken, setup, signIn, type Setup } from './helpers.js';

const SCENARIO = (...idp: string[]) =>
  lines(
    'id: api-burst', // 1
    'title: A burst of API calls shares one refresh', // 2
    'category: tokens', // 3
    'severity: must', // 4
    'faults:', // 5
    '  - kind: api.expired-token', // 6
    '    when: { route: GET /api/orders }', // 7
    'steps:', // 8
    '  - login: alice', // 9
    'expect:', // 10
    '  idp:', // 11
    ...idp.map((line) => `    - ${line}`), // 12…
  );

describe('journal expectations for the mock API: count by route and status, single-flight-refresh', () => {
  const files = useTempFiles();
  let s: Setup;

  beforeAll(async () => {
    s = await setup();
  });
  afterAll(() => s.idp.close());

  it('loads count with route and status, single-flight-refresh bare or with window_ms, and when.route on a fault', async () => {
    const cwd = await files({ 'api.yaml': SCENARIO('count: { endpoint: api, route: GET /api/orders, status: 401, max: 1 }', 'single-flight-refresh', 'single-flight-refresh: { window_ms: 250 }') });
    const { scenario, issues } = await loadScenarioFile('api.yaml', { cwd });
    expect(issues).toEqual([]);
    expect(scenario!.faults).toEqual([{ kind: 'api.expired-token', params: { by_s: 30, tokens: 1 }, when: { route: 'GET /api/orders' } }]);
    expect(scenario!.expect.idp.map(({ loc: _loc, ...e }) => e)).toEqual([
      { type: 'count', endpoint: 'api', route: 'GET /api/orders', status: 401, max: 1 },
      { type: 'single-flight-refresh', windowMs: 1000 },
      { type: 'single-flight-refresh', windowMs: 250 },
    ]);
  });

  it('refuses a route on a count that is not of the api endpoint, and a route that is not a route', async () => {
    const cwd = await files({ 'api.yaml': SCENARIO('count: { endpoint: token, route: GET /api/orders, max: 1 }', 'count: { endpoint: api, route: orders, max: 1 }') });
    const { issues } = await loadScenarioFile('api.yaml', { cwd });
    expect(issues.map(formatIssue)).toEqual([
      'api.yaml:12:40 expect.idp.0.count.route: route only applies to the mock API (endpoint: api), not token',
      'api.yaml:13:38 expect.idp.1.count.route: expected "METHOD /path" or "/path", e.g. "GET /api/orders" (":name" matches one segment), got "orders"',
    ]);
  });

  it('counts API calls by route and by status, from the real journal', async () => {
    const cwd = await files({
      'api.yaml': SCENARIO(
        'count: { endpoint: api, route: GET /api/orders, min: 3, max: 3 }',
        'count: { endpoint: api, route: GET /api/orders, status: 401, max: 1 }',
        'count: { endpoint: api, route: /api/me, max: 0 }',
      ),
    });
    const { scenario } = await loadScenarioFile('api.yaml', { cwd });
    const since = s.idp.journal.lastId;
    const token = await clientToken(s.config, 'orders:read', s.idp.api);
    await s.api().get('/api/orders').expect(401);
    await s.api().get('/api/orders').set('X-API-Key', 'af_live_demo_0123456789abcdef').expect(401);
    await s.api().get('/api/orders').set('Authorization', `Bearer ${token}`).expect(200);
    const checks = journalChecks(scenario!, s.idp.journal.entries(since));
    expect(checks).toEqual([
      { ok: true, expected: '3–3 request(s) to the protected API GET /api/orders', observed: '3 request(s) to the protected API GET /api/orders' },
      { ok: false, expected: 'at most 1 request(s) to the protected API GET /api/orders answered 401', observed: '2 request(s) to the protected API GET /api/orders answered 401' },
      { ok: true, expected: 'at most 0 request(s) to the protected API /api/me', observed: '0 request(s) to the protected API /api/me' },
    ]);
  });

  it('single-flight-refresh fails on refreshes that start together, and names the stampede', async () => {
    const cwd = await files({ 'api.yaml': SCENARIO('single-flight-refresh') });
    const { scenario } = await loadScenarioFile('api.yaml', { cwd });
    const tokens = await signIn(s.config, 'alice', 'openid orders:read');
    const since = s.idp.journal.lastId;
    await Promise.allSettled([1, 2, 3].map(() => client.refreshTokenGrant(s.config, tokens.refresh_token!)));
    const [check] = journalChecks(scenario!, s.idp.journal.entries(since));
    expect(check!.ok).toBe(false);
    expect(check!.expected).toBe('one refresh at a time: no two refresh_token grants within 1000 ms of each other');
    expect(check!.observed).toMatch(/^a refresh stampede: 3 refresh_token grants started within \d+ ms \(answered (200|400), (200|400), (200|400)\)$/);
  });

  it('single-flight-refresh passes refreshes that come one at a time, apart', async () => {
    const cwd = await files({ 'api.yaml': SCENARIO('single-flight-refresh: { window_ms: 100 }') });
    const { scenario } = await loadScenarioFile('api.yaml', { cwd });
    const tokens = await signIn(s.config, 'alice', 'openid orders:read');
    const since = s.idp.journal.lastId;
    const first = await client.refreshTokenGrant(s.config, tokens.refresh_token!);
    await new Promise((r) => setTimeout(r, 150));
    await client.refreshTokenGrant(s.config, first.refresh_token!);
    expect(journalChecks(scenario!, s.idp.journal.entries(since))).toEqual([
      { ok: true, expected: 'one refresh at a time: no two refresh_token grants within 100 ms of each other', observed: '2 refresh_token grant(s), none within 100 ms of another' },
    ]);
  });
});
