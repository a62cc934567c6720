import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, isAuthfaultError, type ProviderConfig } from '../../mock-provider/index.js';
import { matchesRoute } from '../../mock-provider/faults/route-pattern.js';
import { apiEntries, clientToken, setup, type Setup } from './helpers.js';

async function refusal(config: ProviderConfig): Promise<string> {
  try {
    const idp = await createMockProvider(config);
    await idp.close();
  } catch (error) {
    if (isAuthfaultError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('the config was accepted');
}

describe('mock API configuration', () => {
  describe('a base path and routes of its own', () => {
    let s: Setup;

    beforeAll(async () => {
      s = await setup({
        api: {
          path: '/v1',
          routes: [
            { method: 'GET', path: '/orders/:id', scopes: ['orders:read'], response: { id: 'ord_1', owner: '{sub}', scope: '{scope}' } },
            { method: 'DELETE', path: '/orders/:id', scopes: ['orders:write'], roles: ['support'], status: 204 },
          ],
        },
        users: [{ id: 'alice', roles: ['support'] }],
        // Off, so /api/… below stays the default issuer's unknown path instead of creating tenant "api".
        tenants: false,
      });
    });
    afterAll(() => s.idp.close());

    it('serves under the base path, names it in the handle, and is the `api` injection point there', async () => {
      expect(s.idp.api).toBe(`${s.idp.origin}/v1`);
      const token = await clientToken(s.config, 'orders:read', s.idp.api);
      const res = await s.api().get('/v1/orders/17').set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.body).toEqual({ id: 'ord_1', owner: 'app', scope: 'orders:read' });
      await s.idp.faults.add({ kind: 'rate-limit', limit: 0, when: { route: 'GET /v1/orders/:id' } });
      await s.api().get('/v1/orders/18').set('Authorization', `Bearer ${token}`).expect(429);
      s.idp.faults.clear();
      expect(apiEntries(s.idp).map((e) => [e.path, e.status, e.api?.route])).toEqual([
        ['/v1/orders/17', 200, 'GET /v1/orders/:id'],
        ['/v1/orders/18', 429, 'GET /v1/orders/:id'],
      ]);
    });

    it('checks roles from the roles claim; scopes the provider learned from the routes are requestable', async () => {
      const token = await clientToken(s.config, 'orders:write', s.idp.api);
      const res = await s.api().delete('/v1/orders/17').set('Authorization', `Bearer ${token}`).expect(403);
      expect(res.body).toEqual({ error: 'forbidden', error_description: 'this route requires role "support" (the roles claim is absent)', required: { roles: ['support'] } });
    });

    it('/api is an ordinary path then', async () => {
      await s.api().get('/api/orders').expect(404);
      expect(s.idp.journal.entries().at(-1)!.endpoint).toBe('other');
    });
  });

  describe('opaque tokens that expire while the app holds them', () => {
    let s: Setup;
    beforeAll(async () => {
      s = await setup({ ttl: { access_token: 1 } });
    });
    afterAll(() => s.idp.close());

    it('says "expired" (not "unknown") once the provider has forgotten the token', async () => {
      const token = await clientToken(s.config, 'orders:read');
      await new Promise((r) => setTimeout(r, 2100));
      const res = await s.api().get('/api/orders').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.error_description).toMatch(/^the access token expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+ s ago\)$/);
    });

    it('a reset forgets issued tokens, as the provider does', async () => {
      const token = await clientToken(s.config, 'orders:read');
      s.idp.reset();
      const res = await s.api().get('/api/orders').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.error_description).toBe('the access token is not one this provider issued (unknown, or forgotten since the provider was reset)');
    });
  });

  describe('invalid configuration, refused with AUTHFAULT_CONFIG_INVALID', () => {
    it('a base path that overlaps the issuer or the control API', async () => {
      expect(await refusal({ api: { path: '/default' } })).toBe('AUTHFAULT_CONFIG_INVALID: invalid provider config: api.path: "/default" would overlap the issuer path "/default"; choose another base path such as "/api"');
      expect(await refusal({ api: { path: '/__authfault' } })).toMatch(/would overlap the control API/);
    });

    it('a key that does not start with its prefix, an unknown environment, a bad header name', async () => {
      const message = await refusal({
        api: { header: 'X API Key', keys: [{ key: 'sk_live_0123456789abcdef', environment: 'live' }, { key: 'af_prod_0123456789abcdef', environment: 'prod' as 'live' }] },
      });
      expect(message).toBe(
        'AUTHFAULT_CONFIG_INVALID: invalid provider config: api.header: expected an HTTP header name, got "X API Key"; ' +
          'api.keys.0.key: a live key must start with its prefix "af_live_"; api.keys.1.environment: invalid value "prod" (allowed: test, live)',
      );
    });
  });

  describe('route patterns', () => {
    it.each([
      ['GET /api/orders', 'GET', '/api/orders', true],
      ['GET /api/orders', 'POST', '/api/orders', false],
      ['/api/orders', 'DELETE', '/api/orders/', true],
      ['/api/orders', 'GET', '/api/orders/17', false],
      ['GET /api/orders/:id', 'GET', '/api/orders/17', true],
      ['GET /api/orders/:id', 'GET', '/api/orders/', false],
      ['orders', 'GET', '/orders', false],
    ])('%s matches %s %s: %s', (pattern, method, path, expected) => {
      expect(matchesRoute(pattern, method, path)).toBe(expected);
    });
  });
});
