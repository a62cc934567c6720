import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HttpAgent } from '../../harness/drivers/http/agent.js';
import { accessTokenExpiry, APP_READ_MARGIN_MS, wholeSecondsExpiry } from '../../harness/steps/shared/access-token-expiry.js';
import type { StepContext } from '../../harness/steps/step.js';
import { wait } from '../../harness/steps/wait.js';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { loginThroughProvider } from '../helpers/http-login.js';

const REDIRECT = 'http://127.0.0.1:9/callback';

/**
 * `wait: { until: access-token-expired }` against the real provider and a real client library:
 * the step ends once the token the provider issued last has expired for the provider (its exp
 * has passed) and for a client that counts expires_in from when it read the response, as the
 * example apps do; without such a token it fails at once, saying why.
 */
describe('wait until the access token has expired (real provider, openid-client)', () => {
  let idp: MockProviderHandle;
  let config: client.Configuration;
  let since: number;

  beforeAll(async () => {
    idp = await createMockProvider({ clients: [{ client_id: 'app', client_secret: 'app-secret', redirect_uris: [REDIRECT] }] });
    config = await client.discovery(new URL(idp.issuer), 'app', 'app-secret', undefined, { execute: [client.allowInsecureRequests] });
  });
  afterAll(() => idp.close());
  beforeEach(() => {
    idp.faults.clear();
    since = idp.journal.lastId;
  });

  /** A login as an app does it: the tokens, and when the app would take the access token to expire. */
  async function signIn() {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const tokens = await client.authorizationCodeGrant(config, await loginThroughProvider(url.href, REDIRECT), { pkceCodeVerifier: verifier });
    return { tokens, appExpiresAt: Date.now() + tokens.expires_in! * 1000 };
  }

  // The step reads only the provider's journal, from the scenario's start.
  const untilExpired = (timeoutMs = 10_000) =>
    wait.http(wait.model({ until: 'access-token-expired', ...(timeoutMs !== 10_000 ? { timeout_ms: timeoutMs } : {}) }), { idp, journalSince: since } as unknown as StepContext<HttpAgent>);

  it('ends once the token’s exp has passed (introspection says inactive) and the app, counting from when it read the response, takes it as expired', async () => {
    await idp.faults.add({ kind: 'token.ttl', token: 'access_token', seconds: 2 });
    const { tokens, appExpiresAt } = await signIn();
    expect(tokens.expires_in).toBe(2);
    const [issued] = idp.journal.entries(since).filter((e) => e.endpoint === 'token');
    expect(issued!.issued).toMatchObject({ access_token: true, expires_in: 2 });

    await untilExpired();

    expect(Date.now()).toBeGreaterThanOrEqual(appExpiresAt);
    // oidc-provider's UserInfo would still answer for its 15 s clock tolerance; its exp is what introspection reads.
    expect(await client.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: false });
  });

  it('counts from the token response, plus the app’s reading margin only up to when the step began', async () => {
    await idp.faults.add({ kind: 'token.ttl', token: 'access_token', seconds: 2 });
    await signIn();
    const [issued] = idp.journal.entries(since).filter((e) => e.endpoint === 'token');
    const sentAt = Date.parse(issued!.time) + issued!.durationMs;
    const entries = idp.journal.entries(since);
    // The step began as the response was sent: the app had read it by then.
    expect(accessTokenExpiry(entries, sentAt)).toMatchObject({ at: wholeSecondsExpiry(sentAt, 2), expiresIn: 2 });
    // The step began later: the app read it at most the margin after it was sent.
    expect(accessTokenExpiry(entries, sentAt + 60_000)).toMatchObject({ at: wholeSecondsExpiry(sentAt + APP_READ_MARGIN_MS, 2) });
  });

  it('ends when an app counting whole seconds and comparing strictly takes the token as expired, not before', () => {
    // Read at 10.100 s or 10.900 s, a 2 s token: such an app has it expire once the clock shows 13 s.
    for (const readBy of [10_100, 10_900]) expect(wholeSecondsExpiry(readBy, 2)).toBe(13_020);
    // Never earlier than an app counting milliseconds.
    expect(wholeSecondsExpiry(10_999, 2)).toBeGreaterThan(10_999 + 2000);
  });

  it('waits out the token issued last: the refreshed one, not the login’s', async () => {
    await idp.faults.add({ kind: 'token.ttl', token: 'access_token', seconds: 1, when: { times: 1 } });
    const { tokens } = await signIn();
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    const expiry = accessTokenExpiry(idp.journal.entries(since), Date.now());
    expect(expiry).toMatchObject({ expiresIn: refreshed.expires_in, token: expect.stringContaining(`journal #${idp.journal.entries(since).filter((e) => e.endpoint === 'token').at(-1)!.id}`) });
  });

  it('fails at once when the scenario was issued no access token, naming what the provider answered', async () => {
    await expect(untilExpired()).rejects.toThrow('no access token was issued in this scenario before this step (the provider saw no token request), so there is none to wait out; wait until access-token-expired follows a login that completes');
    await expect(client.authorizationCodeGrant(config, new URL(`${REDIRECT}?code=not-a-code&iss=${encodeURIComponent(idp.issuer)}`), { pkceCodeVerifier: client.randomPKCECodeVerifier() })).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(untilExpired()).rejects.toThrow('(the provider answered 1 token request(s) with no access token (400))');
  });

  it('fails at once, naming the fault that shortens it, when the token lives longer than timeout_ms', async () => {
    const { tokens } = await signIn();
    await expect(untilExpired(5000)).rejects.toThrow(
      new RegExp(`^the access token of the token response at [0-9:.]+ \\(journal #\\d+\\) lives ${tokens.expires_in} s \\(expires_in\\) and expires \\d+ s from now, later than timeout_ms 5000 allows; shorten its lifetime with a token.ttl fault`),
    );
  });

  it('fails at once when the token response said no expires_in', async () => {
    await idp.faults.add({ kind: 'token-response.minimal' });
    const { tokens } = await signIn();
    expect(tokens.expires_in).toBeUndefined();
    await expect(untilExpired()).rejects.toThrow(/came without expires_in, so neither the app nor this step can tell when it expires; give it a lifetime with a token.ttl fault/);
  });
});
