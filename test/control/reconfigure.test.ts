import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { authorizationRequest, discover } from '../helpers/authorization-request.js';
import { loginThroughProvider } from '../helpers/http-login.js';

const REDIRECT = 'http://127.0.0.1:9/callback';
const SECRET = 'reconfigure-secret-0123';

/** idp.reconfigure(): what a config reload does, driven from code with real clients. */
describe('idp.reconfigure({ clients, users })', () => {
  let idp: MockProviderHandle;

  beforeAll(async () => {
    idp = await createMockProvider({
      clients: [
        { client_id: 'app', client_secret: SECRET, redirect_uris: [REDIRECT] },
        { client_id: 'worker', grant_types: ['client_credentials'] },
      ],
    });
  });
  afterAll(() => idp.close());

  it('validates everything first: a bad client and a bad user change nothing, and both are reported', () => {
    const clientsBefore = structuredClone(idp.clients);
    let error: unknown;
    try {
      idp.reconfigure({ clients: [{ client_id: 'app', redirect_uri: [REDIRECT] }], users: [{ id: 'alice' }, { name: 'no id' }] });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'AUTHFAULT_CONFIG_INVALID',
      message:
        'invalid provider config: clients.0.redirect_uri: unknown key "redirect_uri" — did you mean "redirect_uris"? ' +
        '(allowed: client_id, client_secret, public, redirect_uris, post_logout_redirect_uris, any_loopback_redirect_uri, grant_types, token_endpoint_auth_method, require_consent, scope); ' +
        'users.1.id: missing required key "id" (a string)',
      details: [
        expect.objectContaining({ code: 'UNKNOWN_KEY', path: ['clients', 0, 'redirect_uri'], suggestion: 'redirect_uris' }),
        { code: 'MISSING_KEY', path: ['users', 1, 'id'], message: 'missing required key "id" (a string)', expected: 'a string' },
      ],
    });
    expect(idp.clients).toEqual(clientsBefore);
    expect(idp.users.map((u) => u.id)).toEqual(['alice', 'bob']);
  });

  it('keeps keys, sessions, tokens and faults; a client written without its secret keeps the one it has', async () => {
    const config = await discover(idp.issuer, 'app', SECRET);
    const request = await authorizationRequest(idp.issuer, 'app', REDIRECT, { scope: 'openid profile offline_access' });
    const tokens = await client.authorizationCodeGrant(config, await loginThroughProvider(request.url.href, REDIRECT, 'alice'), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    const jwks = await (await fetch(`${idp.issuer}/jwks`)).json();
    const workerSecret = idp.clients.find((c) => c.client_id === 'worker')!.client_secret!;
    const [fault] = await idp.faults.add({ kind: 'state.tampered' });

    const change = idp.reconfigure({
      clients: [
        { client_id: 'app', client_secret: SECRET, redirect_uris: [REDIRECT, 'http://127.0.0.1:9/other'] },
        { client_id: 'worker', grant_types: ['client_credentials'] },
        { client_id: 'spa', public: true, redirect_uris: [REDIRECT] },
      ],
      users: [{ id: 'alice', name: 'Alice', claims: { department: 'sales' } }, { id: 'carol' }],
    });
    expect(change).toEqual({
      clients: { added: ['spa'], removed: [], changed: ['app'] },
      users: { added: ['carol'], removed: ['bob'], changed: ['alice'] },
    });

    expect(idp.clients.find((c) => c.client_id === 'worker')!.client_secret).toBe(workerSecret);
    expect(idp.clients.find((c) => c.client_id === 'spa')).toMatchObject({ public: true, token_endpoint_auth_method: 'none' });
    expect(idp.clients.find((c) => c.client_id === 'spa')!.client_secret).toBeUndefined();
    expect(await (await fetch(`${idp.issuer}/jwks`)).json()).toEqual(jwks);
    expect(idp.faults.list()).toEqual([expect.objectContaining({ id: fault!.id, kind: 'state.tampered' })]);
    idp.faults.clear();

    // The token issued before the change still works, and userinfo already shows the new user data.
    expect(await client.fetchUserInfo(config, tokens.access_token, 'alice')).toEqual({ sub: 'alice', preferred_username: 'alice', name: 'Alice', department: 'sales' });
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.claims()).toMatchObject({ sub: 'alice', department: 'sales' });
    const worker = await discover(idp.issuer, 'worker', workerSecret);
    expect((await client.clientCredentialsGrant(worker)).access_token).toBeTruthy();
  });

  it('a removed client is refused at once, an added one works at once', async () => {
    idp.reconfigure({ clients: [{ client_id: 'new-app', client_secret: 'new-app-secret-0123', redirect_uris: [REDIRECT] }] });
    const gone = await discover(idp.issuer, 'app', SECRET);
    expect(await client.clientCredentialsGrant(gone).catch((e: unknown) => e)).toMatchObject({ status: 401, error: 'invalid_client' });
    const added = await discover(idp.issuer, 'new-app', 'new-app-secret-0123');
    expect((await client.clientCredentialsGrant(added)).access_token).toBeTruthy();
    expect(idp.reconfigure({ clients: [{ client_id: 'new-app', client_secret: 'new-app-secret-0123', redirect_uris: [REDIRECT] }] })).toEqual({
      clients: { added: [], removed: [], changed: [] },
      users: { added: [], removed: [], changed: [] },
    });
  });
});
