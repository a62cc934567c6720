import { describe, expect, it } from 'vitest';
import { createMockProvider, type ListeningProvider, type MockProviderHandle } from '../../mock-provider/index.js';

const CLIENTS = [{ client_id: 'app', redirect_uris: ['http://127.0.0.1:3000/cb'] }];

/**
 * createMockProvider's onListening: what a harness starts an app with before the provider is
 * ready (the runner starts the app then). What it says must be what the handle says once ready,
 * and a request sent in it must wait for the provider, not meet a half-made one.
 */
describe('createMockProvider: onListening', () => {
  for (const https of [false, true]) {
    it(`says the issuer, origins, control API, mock API, CA and clients (with their generated secrets) the handle then has${https ? ' (HTTPS)' : ''}`, async () => {
      let early: ListeningProvider | undefined;
      const idp = await createMockProvider({ clients: CLIENTS, ...(https ? { https: true } : {}) }, { onListening: (p) => (early = structuredClone(p)) });
      try {
        const { issuer, origin, admin, api, ca, frontOrigin, clients } = idp;
        expect(early).toEqual({ issuer, origin, admin, api, clients: structuredClone(clients), ...(https ? { ca, frontOrigin } : {}) });
        expect(early!.clients[0]!.client_secret).toMatch(/^app-/);
      } finally {
        await idp.close();
      }
    });
  }

  it('holds a request sent as soon as it listens until the provider is ready, then answers it', async () => {
    let discovery: Promise<Response> | undefined;
    const idp: MockProviderHandle = await createMockProvider(
      { clients: CLIENTS },
      {
        onListening: (p) => {
          discovery = fetch(`${p.issuer}/.well-known/openid-configuration`);
        },
      },
    );
    try {
      const response = await discovery!;
      expect(response.status).toBe(200);
      expect(((await response.json()) as { issuer: string }).issuer).toBe(idp.issuer);
    } finally {
      await idp.close();
    }
  });

  it('closes what it opened when the provider cannot get ready, and the held request is answered, not left hanging', async () => {
    let held: Promise<number> | undefined;
    const failing = createMockProvider(
      { clients: CLIENTS, keys: { file: '/proc/authfault-no-such-dir/keys.json' } },
      {
        onListening: (p) => {
          held = fetch(`${p.issuer}/.well-known/openid-configuration`).then((r) => r.status, () => 0);
        },
      },
    );
    await expect(failing).rejects.toThrow();
    expect([0, 503]).toContain(await held!);
  });
});
