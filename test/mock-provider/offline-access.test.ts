import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { loginThroughProvider } from '../helpers/http-login.js';

const REDIRECT = 'http://127.0.0.1:9/callback';
const SCOPE = 'openid profile offline_access';

/**
 * Authlib's requests client, as Flask apps use it through Authlib's Flask integration: it prints
 * the authorization URL, reads the callback URL, redeems the code, then refreshes twice —
 * refresh_token() sends the client's configured scope each time (`kwargs['scope'] = self.scope`).
 */
const AUTHLIB = String.raw`
import json, sys
import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.common.security import generate_token
issuer, secret, redirect, scope = sys.argv[1:5]
meta = requests.get(issuer + '/.well-known/openid-configuration').json()
session = OAuth2Session('app', secret, scope=scope, redirect_uri=redirect, code_challenge_method='S256')
verifier = generate_token(48)
url, state = session.create_authorization_url(meta['authorization_endpoint'], code_verifier=verifier, nonce=generate_token(16))
print(url, flush=True)
callback = sys.stdin.readline().strip()
first = session.fetch_token(meta['token_endpoint'], authorization_response=callback, code_verifier=verifier)
out = {'scope': first.get('scope'), 'refreshes': []}
for _ in range(2):
    try:
        token = session.refresh_token(meta['token_endpoint'])
        out['refreshes'].append({'ok': True, 'scope': token.get('scope')})
    except Exception as error:
        out['refreshes'].append({'ok': False, 'error': str(error)})
print(json.dumps(out), flush=True)
`;

/** Run Authlib's client against the provider, signing in as alice where a person would. */
function authlibSignInAndRefresh(issuer: string, secret: string): Promise<{ scope: string; refreshes: { ok: boolean; scope?: string; error?: string }[] }> {
  return new Promise((resolve, reject) => {
    // Debian's python, which has Authlib (the python3 first on PATH may not).
    const python = spawn('/usr/bin/python3', ['-c', AUTHLIB, issuer, secret, REDIRECT, SCOPE], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    python.stderr.on('data', (d) => (stderr += d));
    const lines = createInterface({ input: python.stdout });
    let step = 0;
    lines.on('line', (line) => {
      if (step++ === 0) {
        loginThroughProvider(line, REDIRECT, 'alice').then((callback) => python.stdin.write(`${callback.href}\n`), reject);
      } else resolve(JSON.parse(line));
    });
    python.on('exit', (code) => code !== 0 && reject(new Error(`Authlib's client exited ${code}: ${stderr}`)));
  });
}

describe('offline_access: a client that asks for it is granted it, and may send it again with every refresh', () => {
  let idp: MockProviderHandle;
  let config: client.Configuration;
  const secret = 'offline-access-secret-7f1c';

  beforeAll(async () => {
    idp = await createMockProvider({
      clients: [
        { client_id: 'app', client_secret: secret, redirect_uris: [REDIRECT] },
        { client_id: 'no-refresh', client_secret: secret, redirect_uris: [REDIRECT], grant_types: ['authorization_code'] },
      ],
    });
    config = await client.discovery(new URL(idp.issuer), 'app', secret, undefined, { execute: [client.allowInsecureRequests] });
  });
  afterAll(() => idp.close());

  async function signIn(configuration: client.Configuration, scope: string) {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: REDIRECT,
      scope,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const callback = await loginThroughProvider(url.href, REDIRECT, 'alice');
    return client.authorizationCodeGrant(configuration, callback, { pkceCodeVerifier: verifier });
  }

  it('openid-client: the tokens carry offline_access, and refreshes that send the same scope succeed', async () => {
    const since = idp.journal.lastId;
    const tokens = await signIn(config, SCOPE);
    expect(tokens.scope!.split(' ').sort()).toEqual(['offline_access', 'openid', 'profile']);
    let refreshToken = tokens.refresh_token!;
    for (let i = 0; i < 2; i++) {
      const refreshed = await client.refreshTokenGrant(config, refreshToken, { scope: SCOPE });
      expect(refreshed.scope!.split(' ').sort()).toEqual(['offline_access', 'openid', 'profile']);
      refreshToken = refreshed.refresh_token!;
    }
    // The journal records the scope the client asked for.
    const authorize = idp.journal.entries(since).find((e) => e.endpoint === 'authorize' && e.params?.scope);
    expect(authorize!.params!.scope).toBe(SCOPE);
  });

  it("Authlib's client, which sends its configured scope with every refresh, refreshes twice", async () => {
    const result = await authlibSignInAndRefresh(idp.issuer, secret);
    expect(result.scope.split(' ').sort()).toEqual(['offline_access', 'openid', 'profile']);
    expect(result.refreshes).toEqual([
      { ok: true, scope: expect.stringContaining('offline_access') },
      { ok: true, scope: expect.stringContaining('offline_access') },
    ]);
    const refreshes = idp.journal.entries().filter((e) => e.endpoint === 'token' && e.grantType === 'refresh_token').slice(-2);
    expect(refreshes.map((e) => [e.status, e.params?.scope])).toEqual([
      [200, SCOPE],
      [200, SCOPE],
    ]);
  });

  it('a client not allowed the refresh grant is not granted offline_access, as oidc-provider decides', async () => {
    const noRefresh = await client.discovery(new URL(idp.issuer), 'no-refresh', secret, undefined, { execute: [client.allowInsecureRequests] });
    const tokens = await signIn(noRefresh, SCOPE);
    expect(tokens.scope!.split(' ').sort()).toEqual(['openid', 'profile']);
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('a client that does not ask for offline_access still gets a refresh token, and is not granted the scope', async () => {
    const tokens = await signIn(config, 'openid profile');
    expect(tokens.scope!.split(' ').sort()).toEqual(['openid', 'profile']);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).toBeTruthy();
  });
});
