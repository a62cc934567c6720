import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { authorizationRequest } from '../helpers/authorization-request.js';
import { loginThroughProvider } from '../helpers/http-login.js';

const REDIRECT = 'http://127.0.0.1:9/cb';

describe('the resume of a login is not a new authorization request', () => {
  let idp: MockProviderHandle;
  beforeAll(async () => {
    idp = await createMockProvider({ clients: [{ client_id: 'app', client_secret: 's', redirect_uris: [REDIRECT] }] });
  });
  afterAll(() => idp.close());

  it('a rate limit of one authorization request per window lets that one login finish', async () => {
    await idp.faults.add({ kind: 'rate-limit', limit: 1, when: { endpoint: 'authorize' } });
    const { url } = await authorizationRequest(idp.issuer, 'app', REDIRECT);
    const callback = await loginThroughProvider(url.href, REDIRECT);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const authorize = idp.journal.entries().filter((e) => e.endpoint === 'authorize');
    expect(authorize.map((e) => e.status)).toEqual([303, 303]);
    expect(idp.faults.list()[0]).toMatchObject({ matched: 1, applied: 0 });
    const second = await fetch((await authorizationRequest(idp.issuer, 'app', REDIRECT)).url, { redirect: 'manual' });
    expect(second.status).toBe(429);
  });
});
