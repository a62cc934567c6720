import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';

/**
 * openid-client authenticates with client_secret_post unless told otherwise: the client_id is in
 * the body, which request-phase faults must still see.
 */
describe('request-phase faults see a client_id sent in the body', () => {
  let idp: MockProviderHandle;
  const configs: Record<string, client.Configuration> = {};

  beforeAll(async () => {
    idp = await createMockProvider({
      clients: [
        { client_id: 'post-app', client_secret: 'post-secret', token_endpoint_auth_method: 'client_secret_post', grant_types: ['client_credentials'] },
        { client_id: 'other-app', client_secret: 'other-secret', token_endpoint_auth_method: 'client_secret_post', grant_types: ['client_credentials'] },
      ],
    });
    for (const [id, secret] of [['post-app', 'post-secret'], ['other-app', 'other-secret']] as const) {
      configs[id] = await client.discovery(new URL(idp.issuer), id, secret, client.ClientSecretPost(secret), { execute: [client.allowInsecureRequests] });
    }
  });
  afterAll(() => idp.close());

  it('when.client matches a client_secret_post client, and leaves the other alone', async () => {
    await idp.faults.add({ kind: 'rate-limit', limit: 0, when: { client: 'post-app' } });
    await expect(client.clientCredentialsGrant(configs['post-app']!)).rejects.toMatchObject({ status: 429, error: 'temporarily_unavailable' });
    expect((await client.clientCredentialsGrant(configs['other-app']!)).access_token).toBeTruthy();
    const refused = idp.journal.entries().filter((e) => e.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ endpoint: 'token', clientId: 'post-app', grantType: 'client_credentials' });
    idp.faults.clear();
  });

  it('per: client counts body-authenticated clients apart', async () => {
    await idp.faults.add({ kind: 'rate-limit', limit: 1, per: 'client' });
    expect((await client.clientCredentialsGrant(configs['post-app']!)).access_token).toBeTruthy();
    expect((await client.clientCredentialsGrant(configs['other-app']!)).access_token).toBeTruthy();
    await expect(client.clientCredentialsGrant(configs['post-app']!)).rejects.toMatchObject({ status: 429 });
    idp.faults.clear();
    expect((await client.clientCredentialsGrant(configs['post-app']!)).access_token).toBeTruthy();
  });
});
