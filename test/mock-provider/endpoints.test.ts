import * as client from 'openid-client';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type JournalEntry, type MockProviderHandle } from '../../mock-provider/index.js';
import { authorizationRequest, discover } from '../helpers/authorization-request.js';
import { UserAgent, forms } from '../helpers/user-agent.js';

const REDIRECT = 'http://127.0.0.1:9/callback';
const CONSENT_REDIRECT = 'http://127.0.0.1:9/consent/callback';
const SIGNED_OUT = 'http://127.0.0.1:9/signed-out';
const SECRET = 'app-secret-endpoints-7c1d';
const CONSENT_SECRET = 'consent-secret-endpoints-9f3e';

describe('mock provider endpoints', () => {
  let idp: MockProviderHandle;
  let http: supertest.Agent;
  let ua: UserAgent;

  beforeAll(async () => {
    idp = await createMockProvider({
      clients: [
        { client_id: 'app', client_secret: SECRET, redirect_uris: [REDIRECT], post_logout_redirect_uris: [SIGNED_OUT] },
        { client_id: 'consent-app', client_secret: CONSENT_SECRET, redirect_uris: [CONSENT_REDIRECT], require_consent: true },
      ],
    });
    http = supertest.agent(idp.origin);
    ua = await UserAgent.open();
  });
  afterAll(async () => {
    await ua.dispose();
    await idp.close();
  });

  const path = (url: string | URL) => {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  };

  /** Journal entries recorded by what `action` did. */
  async function recorded(action: () => Promise<unknown>): Promise<JournalEntry[]> {
    const since = idp.journal.lastId;
    await action();
    return idp.journal.entries(since);
  }

  /** Sign in as `user` through the login page, with a fresh browser, and redeem the code with openid-client. */
  async function signIn(scope: string, user = 'alice') {
    const config = await discover(idp.issuer, 'app', SECRET);
    const request = await authorizationRequest(idp.issuer, 'app', REDIRECT, { scope });
    const browser = await UserAgent.open();
    try {
      const callback = await browser.authorize(request.url.href, REDIRECT, user);
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: request.verifier,
        expectedState: request.state,
        expectedNonce: request.nonce,
      });
      return { config, tokens };
    } finally {
      await browser.dispose();
    }
  }

  describe('discovery', () => {
    it('publishes the issuer, its endpoints, S256 only, the grant types and scopes', async () => {
      const res = await http.get('/default/.well-known/openid-configuration').expect(200).expect('content-type', /application\/json/);
      const { issuer } = idp;
      expect(res.body).toMatchObject({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/me`,
        jwks_uri: `${issuer}/jwks`,
        introspection_endpoint: `${issuer}/token/introspection`,
        revocation_endpoint: `${issuer}/token/revocation`,
        end_session_endpoint: `${issuer}/session/end`,
        code_challenge_methods_supported: ['S256'],
        grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
        scopes_supported: ['openid', 'offline_access', 'profile', 'email', 'orders:read', 'orders:write'],
        response_types_supported: ['code', 'none'],
        id_token_signing_alg_values_supported: ['RS256'],
        authorization_response_iss_parameter_supported: true,
      });
      expect(res.body.claims_supported).toEqual(expect.arrayContaining(['sub', 'name', 'email', 'email_verified']));
      const [entry] = idp.journal.entries(idp.journal.lastId - 1);
      expect(entry).toMatchObject({ endpoint: 'discovery', method: 'GET', path: '/default/.well-known/openid-configuration', status: 200 });
    });
  });

  describe('JWKS', () => {
    it('publishes one RS256 signing key with a kid and no private parts', async () => {
      const res = await http.get('/default/jwks').expect(200).expect('content-type', /application\/jwk-set\+json/);
      expect(res.body.keys).toHaveLength(1);
      const [key] = res.body.keys;
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.stringMatching(/^authfault-[0-9a-f]{12}$/), e: 'AQAB' });
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(Buffer.from(key.n, 'base64url').length).toBe(256);
    });
  });

  describe('authorization endpoint and login page', () => {
    it('redirects an authorization request to the login page of its interaction', async () => {
      const { url } = await authorizationRequest(idp.issuer, 'app', REDIRECT);
      const entries = await recorded(async () => {
        const res = await http.get(path(url)).expect(303);
        expect(res.headers.location).toMatch(/^\/default\/interaction\/[\w-]+$/);
      });
      expect(entries).toEqual([
        expect.objectContaining({
          endpoint: 'authorize',
          method: 'GET',
          path: '/default/auth',
          status: 303,
          clientId: 'app',
          params: { redirect_uri: REDIRECT, code_challenge_method: 'S256', scope: 'openid', response_type: 'code', state: true, nonce: true, code_challenge: true },
          faults: [],
        }),
      ]);
    });

    it('shows a login page with a button per user, a Username field and a Sign in button', async () => {
      const { url } = await authorizationRequest(idp.issuer, 'app', REDIRECT);
      const landing = await ua.visit(url.href, REDIRECT);
      const page = landing.page!;
      expect(page.status).toBe(200);
      expect(page.url).toMatch(new RegExp(`^${idp.origin}/default/interaction/[\\w-]+$`));
      expect(page.html).toContain('<title>Sign in · authfault mock provider</title>');
      expect(page.html).toContain('<strong>authfault mock OpenID Provider</strong> — for tests and local development only.');
      expect(page.html).toContain('<p>to <strong>app</strong></p>');
      expect(page.html).toContain('<button type="submit" name="username" value="alice">Sign in as alice</button> Alice Example');
      expect(page.html).toContain('<button type="submit" name="username" value="bob">Sign in as bob</button> Bob Example');
      expect(page.html).toContain('<label for="username">Username</label> <input id="username" name="username" autocomplete="username" maxlength="200" value="" required aria-describedby="username-hint">');
      expect(page.html).toContain('Any name signs in: one the provider does not know becomes a user with default claims (name, email).');
      expect(page.html).toContain('<button type="submit">Sign in</button>');
      expect(forms(page.html).map((f) => f.action)).toEqual([`${new URL(page.url).pathname}/login`, `${new URL(page.url).pathname}/login`]);
    });

    it('preselects the user named by login_hint', async () => {
      const { url } = await authorizationRequest(idp.issuer, 'app', REDIRECT, { login_hint: 'bob' });
      const { page } = await ua.visit(url.href, REDIRECT);
      expect(page!.html).toContain('<button type="submit" name="username" value="bob" autofocus>Sign in as bob</button>');
      expect(page!.html).toContain('<button type="submit" name="username" value="alice">Sign in as alice</button>');
      expect(page!.html).toContain('<input id="username" name="username" autocomplete="username" maxlength="200" value="bob" required aria-describedby="username-hint">');
      const authorize = idp.journal.entries().filter((e) => e.endpoint === 'authorize').at(-1);
      expect(authorize?.params?.login_hint).toBe('bob');
    });

    it('answers a name longer than any login name with 400, and lets the user try again', async () => {
      const { url } = await authorizationRequest(idp.issuer, 'app', REDIRECT);
      const { page } = await ua.visit(url.href, REDIRECT);
      const wrong = await ua.submit(page!, { username: 'm'.repeat(201) }, REDIRECT);
      expect(wrong.page?.status).toBe(400);
      expect(wrong.page?.html).toContain('<p class="error" role="alert">A user name is at most 200 characters.</p>');
      expect(wrong.page?.html).toContain('>Sign in as alice</button>');
      const login = idp.journal.entries().filter((e) => e.endpoint === 'interaction').at(-1);
      expect(login).toMatchObject({ method: 'POST', status: 400 });
      const right = await ua.submit(wrong.page!, { username: 'alice' }, REDIRECT);
      expect(right.redirect?.searchParams.get('code')).toBeTruthy();
    });
  });

  describe('consent page (require_consent: true)', () => {
    async function toConsent(browser: UserAgent) {
      const request = await authorizationRequest(idp.issuer, 'consent-app', CONSENT_REDIRECT, { scope: 'openid email' });
      const login = await browser.visit(request.url.href, CONSENT_REDIRECT);
      const consent = await browser.submit(login.page!, { username: 'alice' }, CONSENT_REDIRECT);
      return { request, page: consent.page! };
    }

    it('asks Allow or Deny for the requested scopes; Deny returns error=access_denied to the client', async () => {
      const browser = await UserAgent.open();
      try {
        const { request, page } = await toConsent(browser);
        expect(page.status).toBe(200);
        expect(page.html).toContain('<h1>Allow access?</h1><p><strong>consent-app</strong> asks for: <code>openid</code> <code>email</code></p>');
        expect(page.html).toContain('<button type="submit" name="decision" value="allow" autofocus>Allow</button>');
        expect(page.html).toContain('<button type="submit" name="decision" value="deny">Deny</button>');
        const denied = await browser.submit(page, { decision: 'deny' }, CONSENT_REDIRECT);
        const callback = denied.redirect!;
        expect(`${callback.origin}${callback.pathname}`).toBe(CONSENT_REDIRECT);
        expect(Object.fromEntries(callback.searchParams)).toEqual({
          error: 'access_denied',
          error_description: 'The user denied access.',
          state: request.state,
          iss: idp.issuer,
        });
      } finally {
        await browser.dispose();
      }
    });

    it('Allow returns a code the client can redeem', async () => {
      const browser = await UserAgent.open();
      try {
        const { request, page } = await toConsent(browser);
        const allowed = await browser.submit(page, { decision: 'allow' }, CONSENT_REDIRECT);
        const config = await discover(idp.issuer, 'consent-app', CONSENT_SECRET);
        const tokens = await client.authorizationCodeGrant(config, allowed.redirect!, {
          pkceCodeVerifier: request.verifier,
          expectedState: request.state,
          expectedNonce: request.nonce,
        });
        expect(tokens.claims()).toMatchObject({ sub: 'alice', aud: 'consent-app', email: 'alice@example.com' });

        // The consent is kept with the session: the same browser, asking the same, is not asked again.
        const again = await authorizationRequest(idp.issuer, 'consent-app', CONSENT_REDIRECT, { scope: 'openid email' });
        const back = await browser.visit(again.url.href, CONSENT_REDIRECT);
        expect(back.redirect?.searchParams.get('code')).toBeTruthy();
      } finally {
        await browser.dispose();
      }
    });
  });

  describe('token endpoint', () => {
    it('issues a client_credentials token', async () => {
      const entries = await recorded(async () => {
        const res = await http.post('/default/token').auth('app', SECRET).type('form').send({ grant_type: 'client_credentials' }).expect(200);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.body).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer' });
      });
      expect(entries).toEqual([
        expect.objectContaining({ endpoint: 'token', method: 'POST', path: '/default/token', status: 200, clientId: 'app', grantType: 'client_credentials' }),
      ]);
    });

    it('refuses a wrong client secret with 401 invalid_client', async () => {
      const entries = await recorded(async () => {
        const res = await http.post('/default/token').auth('app', 'not-the-secret').type('form').send({ grant_type: 'client_credentials' }).expect(401);
        expect(res.body).toEqual({ error: 'invalid_client', error_description: 'client authentication failed' });
        expect(res.headers['www-authenticate']).toBe(
          `Basic realm="${idp.issuer}", error="invalid_client", error_description="client authentication failed"`,
        );
      });
      expect(entries).toEqual([expect.objectContaining({ endpoint: 'token', status: 401, clientId: 'app', grantType: 'client_credentials' })]);
      expect(JSON.stringify(entries)).not.toContain('not-the-secret');
    });

    it('redeems an authorization code with PKCE (openid-client)', async () => {
      const { tokens } = await signIn('openid');
      expect(tokens.token_type).toBe('bearer');
      expect(tokens.expires_in).toBe(3600);
      expect(tokens.claims()).toMatchObject({ iss: idp.issuer, aud: 'app', sub: 'alice' });
    });

    it('refuses a wrong PKCE code_verifier with invalid_grant', async () => {
      const config = await discover(idp.issuer, 'app', SECRET);
      const request = await authorizationRequest(idp.issuer, 'app', REDIRECT);
      const callback = await ua.authorize(request.url.href, REDIRECT, 'alice');
      const error = await client
        .authorizationCodeGrant(config, callback, {
          pkceCodeVerifier: client.randomPKCECodeVerifier(),
          expectedState: request.state,
          expectedNonce: request.nonce,
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(client.ResponseBodyError);
      expect(error).toMatchObject({ code: 'OAUTH_RESPONSE_BODY_ERROR', status: 400, error: 'invalid_grant', error_description: 'grant request is invalid' });
      const token = idp.journal.entries().filter((e) => e.endpoint === 'token').at(-1);
      expect(token).toMatchObject({ status: 400, clientId: 'app', grantType: 'authorization_code', params: { code: true, code_verifier: true, redirect_uri: REDIRECT } });
    });
  });

  describe('userinfo', () => {
    it('releases claims by scope: email only with the email scope', async () => {
      const plain = await signIn('openid');
      const mail = await signIn('openid email');
      const profile = await signIn('openid profile', 'bob');
      expect((await http.get('/default/me').set('authorization', `Bearer ${plain.tokens.access_token}`).expect(200)).body).toEqual({ sub: 'alice' });
      expect((await http.get('/default/me').set('authorization', `Bearer ${mail.tokens.access_token}`).expect(200)).body).toEqual({
        sub: 'alice',
        email: 'alice@example.com',
        email_verified: true,
      });
      expect(await client.fetchUserInfo(profile.config, profile.tokens.access_token, 'bob')).toEqual({
        sub: 'bob',
        name: 'Bob Example',
        given_name: 'Bob',
        family_name: 'Example',
        preferred_username: 'bob',
      });
      const me = idp.journal.entries().filter((e) => e.endpoint === 'userinfo');
      expect(me.map((e) => [e.method, e.status, e.clientId])).toEqual([
        ['GET', 200, 'app'],
        ['GET', 200, 'app'],
        ['GET', 200, 'app'],
      ]);
    });

    it('refuses a request without a valid token with 401 invalid_token', async () => {
      const res = await http.get('/default/me').set('authorization', 'Bearer not-a-token').expect(401);
      expect(res.body).toEqual({ error: 'invalid_token', error_description: 'invalid token provided' });
      expect(res.headers['www-authenticate']).toBe(`Bearer realm="${idp.issuer}", error="invalid_token", error_description="invalid token provided"`);
    });
  });

  describe('introspection and revocation', () => {
    const introspect = async (token: string) =>
      (await http.post('/default/token/introspection').auth('app', SECRET).type('form').send({ token }).expect(200)).body;

    it('says active: true for a live access token and active: false for anything else', async () => {
      const { tokens } = await signIn('openid email');
      const now = Math.floor(Date.now() / 1000);
      const live = await introspect(tokens.access_token);
      expect(live).toMatchObject({ active: true, client_id: 'app', sub: 'alice', scope: 'openid email', iss: idp.issuer, token_type: 'Bearer' });
      expect(live.exp - live.iat).toBe(3600);
      expect(Math.abs(live.iat - now)).toBeLessThanOrEqual(5);
      expect(await introspect('no-such-token')).toEqual({ active: false });
      const entry = idp.journal.entries().at(-1);
      expect(entry).toMatchObject({ endpoint: 'introspection', method: 'POST', status: 200, clientId: 'app', params: { token: true } });
    });

    it('revokes a token (200), after which introspection says inactive and userinfo refuses it', async () => {
      const { config, tokens } = await signIn('openid');
      const res = await http.post('/default/token/revocation').auth('app', SECRET).type('form').send({ token: tokens.access_token }).expect(200);
      expect(res.text).toBe('');
      expect(idp.journal.entries().at(-1)).toMatchObject({ endpoint: 'revocation', method: 'POST', status: 200, clientId: 'app', params: { token: true } });
      expect(await introspect(tokens.access_token)).toEqual({ active: false });
      await http.get('/default/me').set('authorization', `Bearer ${tokens.access_token}`).expect(401);
      await expect(client.fetchUserInfo(config, tokens.access_token, 'alice')).rejects.toBeInstanceOf(client.WWWAuthenticateChallengeError);
    });
  });

  describe('refresh tokens', () => {
    it('rotates the refresh token; reusing a rotated one is refused with invalid_grant', async () => {
      const { config, tokens } = await signIn('openid');
      const first = tokens.refresh_token!;
      expect(first).toBeTruthy();
      const rotated = await client.refreshTokenGrant(config, first);
      expect(rotated.refresh_token).toBeTruthy();
      expect(rotated.refresh_token).not.toBe(first);
      const reuse = await client.refreshTokenGrant(config, first).catch((e: unknown) => e);
      expect(reuse).toBeInstanceOf(client.ResponseBodyError);
      expect(reuse).toMatchObject({ status: 400, error: 'invalid_grant', error_description: 'grant request is invalid' });
      // Reuse is taken as theft (RFC 9700 §4.14.2): the whole grant goes, the newer token with it.
      const newer = await client.refreshTokenGrant(config, rotated.refresh_token!).catch((e: unknown) => e);
      expect(newer).toMatchObject({ status: 400, error: 'invalid_grant' });
      const refreshes = idp.journal.entries().filter((e) => e.endpoint === 'token' && e.grantType === 'refresh_token');
      expect(refreshes.slice(-3).map((e) => [e.status, e.params?.refresh_token])).toEqual([
        [200, true],
        [400, true],
        [400, true],
      ]);
    });
  });

  describe('RP-initiated logout', () => {
    it('ends the session at end_session with id_token_hint and returns to the registered post_logout_redirect_uri', async () => {
      const browser = await UserAgent.open();
      try {
        const config = await discover(idp.issuer, 'app', SECRET);
        const request = await authorizationRequest(idp.issuer, 'app', REDIRECT);
        const callback = await browser.authorize(request.url.href, REDIRECT, 'alice');
        const tokens = await client.authorizationCodeGrant(config, callback, {
          pkceCodeVerifier: request.verifier,
          expectedState: request.state,
          expectedNonce: request.nonce,
        });
        const logoutUrl = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: SIGNED_OUT, state: 'bye' });
        const confirm = await browser.visit(logoutUrl.href, SIGNED_OUT);
        expect(confirm.page?.status).toBe(200);
        expect(confirm.page?.html).toContain('<p>Sign out of the mock provider?</p>');
        expect(confirm.page?.html).toContain('<button form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>');
        const done = await browser.submit(confirm.page!, { logout: 'yes' }, SIGNED_OUT, /\/session\/end\/confirm$/);
        expect(done.redirect?.href).toBe(`${SIGNED_OUT}?state=bye`);

        const entries = idp.journal.entries().filter((e) => e.endpoint === 'end_session').slice(-2);
        expect(entries.map((e) => [e.method, e.path, e.status, e.clientId])).toEqual([
          ['GET', '/default/session/end', 200, 'app'],
          ['POST', '/default/session/end/confirm', 303, 'app'],
        ]);
        expect(entries[0]!.params).toEqual({ id_token_hint: true, post_logout_redirect_uri: SIGNED_OUT, state: true });

        // Signed out: the same browser meets the login page again.
        const again = await browser.visit((await authorizationRequest(idp.issuer, 'app', REDIRECT)).url.href, REDIRECT);
        expect(again.page?.html).toContain('>Sign in as alice</button>');
      } finally {
        await browser.dispose();
      }
    });

    it('refuses a post_logout_redirect_uri that is not registered', async () => {
      const { tokens } = await signIn('openid');
      const query = new URLSearchParams({ id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://127.0.0.1:9/elsewhere' });
      const res = await http.get(`/default/session/end?${query}`).set('accept', 'application/json').expect(400);
      expect(res.body).toEqual({ error: 'invalid_request', error_description: 'post_logout_redirect_uri not registered' });
    });
  });

  describe('redirect_uri mismatch', () => {
    it('renders a page that shows the requested and registered URIs and what differs', async () => {
      const { url } = await authorizationRequest(idp.issuer, 'app', `${REDIRECT}/`);
      const entries = await recorded(async () => {
        const res = await http.get(path(url)).set('accept', 'text/html').expect(400).expect('content-type', /text\/html/);
        expect(res.text).toContain("<strong>invalid_redirect_uri</strong>: redirect_uri did not match any of the client&#39;s registered redirect_uris");
        expect(res.text).toContain(`<h2>redirect_uri mismatch</h2><p>Requested: <code>${REDIRECT}/</code></p>`);
        expect(res.text).toContain(`<p>Registered: <code>${REDIRECT}</code></p>`);
        expect(res.text).toContain(`<p>Differs from <code>${REDIRECT}</code> in: <strong>trailing slash</strong></p>`);
      });
      expect(entries).toEqual([
        expect.objectContaining({
          endpoint: 'authorize',
          status: 400,
          clientId: 'app',
          redirectMismatch: { requested: `${REDIRECT}/`, registered: [REDIRECT], closest: REDIRECT, differences: ['trailing slash'] },
        }),
      ]);
    });

    it.each([
      ['a trailing slash', `${REDIRECT}/`, ['trailing slash']],
      ['another port', 'http://127.0.0.1:10/callback', ['port (10 ≠ 9)']],
      ['path case', 'http://127.0.0.1:9/Callback', ['path case']],
      ['scheme and query', 'https://127.0.0.1:9/callback?x=1', ['scheme (https ≠ http)', 'query (?x=1 ≠ none)']],
    ])('answers JSON with redirect_uri_mismatch to a caller that asks for JSON: %s', async (_what, requested, differences) => {
      const { url, state } = await authorizationRequest(idp.issuer, 'app', requested);
      const res = await http.get(path(url)).set('accept', 'application/json').expect(400).expect('content-type', /application\/json/);
      expect(res.body).toEqual({
        error: 'invalid_redirect_uri',
        error_description: "redirect_uri did not match any of the client's registered redirect_uris",
        redirect_uri_mismatch: { requested, registered: [REDIRECT], closest: REDIRECT, differences },
        hint: `To accept it, start authfault idp with --redirect-uri ${requested} (it registers it for the first client, "app"), or add it to redirect_uris of client "app" under provider.clients in your config (provider.clients[0].redirect_uris; authfault idp reloads the file on save). Or send a registered one from your app.`,
        state,
        iss: idp.issuer,
      });
    });
  });

  describe('the journal of a whole sign-in', () => {
    it('records every request with endpoint, method, status, client, grant type and notable params — and no secret value', async () => {
      const browser = await UserAgent.open();
      const since = idp.journal.lastId;
      const seen: string[] = [SECRET, Buffer.from(`app:${SECRET}`).toString('base64')];
      try {
        const config = await discover(idp.issuer, 'app', SECRET);
        client.enableNonRepudiationChecks(config);
        const request = await authorizationRequest(idp.issuer, 'app', REDIRECT, { scope: 'openid email' });
        const callback = await browser.authorize(request.url.href, REDIRECT, 'alice');
        const tokens = await client.authorizationCodeGrant(config, callback, {
          pkceCodeVerifier: request.verifier,
          expectedState: request.state,
          expectedNonce: request.nonce,
        });
        await client.fetchUserInfo(config, tokens.access_token, 'alice');
        const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
        expect((await client.tokenIntrospection(config, refreshed.access_token)).active).toBe(true);
        await client.tokenRevocation(config, refreshed.refresh_token!);
        const logout = client.buildEndSessionUrl(config, { id_token_hint: refreshed.id_token!, post_logout_redirect_uri: SIGNED_OUT });
        const confirm = await browser.visit(logout.href, SIGNED_OUT);
        const done = await browser.submit(confirm.page!, { logout: 'yes' }, SIGNED_OUT, /\/session\/end\/confirm$/);
        expect(done.redirect?.href).toBe(SIGNED_OUT);
        seen.push(
          callback.searchParams.get('code')!,
          request.verifier,
          request.url.searchParams.get('code_challenge')!,
          request.state,
          request.nonce,
          tokens.access_token,
          tokens.refresh_token!,
          tokens.id_token!,
          refreshed.access_token,
          refreshed.refresh_token!,
          refreshed.id_token!,
          forms(confirm.page!.html)[0]!.hidden.xsrf!,
        );
      } finally {
        await browser.dispose();
      }

      const entries = idp.journal.entries(since);
      const interaction = expect.stringMatching(/^\/default\/interaction\/[\w-]+$/);
      expect(entries.map((e) => ({ endpoint: e.endpoint, method: e.method, path: e.path, status: e.status, clientId: e.clientId, grantType: e.grantType }))).toEqual([
        { endpoint: 'discovery', method: 'GET', path: '/default/.well-known/openid-configuration', status: 200, clientId: undefined, grantType: undefined },
        { endpoint: 'authorize', method: 'GET', path: '/default/auth', status: 303, clientId: 'app', grantType: undefined },
        { endpoint: 'interaction', method: 'GET', path: interaction, status: 200, clientId: undefined, grantType: undefined },
        { endpoint: 'interaction', method: 'POST', path: expect.stringMatching(/^\/default\/interaction\/[\w-]+\/login$/), status: 303, clientId: undefined, grantType: undefined },
        { endpoint: 'authorize', method: 'GET', path: expect.stringMatching(/^\/default\/auth\/[\w-]+$/), status: 303, clientId: 'app', grantType: undefined },
        { endpoint: 'token', method: 'POST', path: '/default/token', status: 200, clientId: 'app', grantType: 'authorization_code' },
        { endpoint: 'jwks', method: 'GET', path: '/default/jwks', status: 200, clientId: undefined, grantType: undefined },
        { endpoint: 'userinfo', method: 'GET', path: '/default/me', status: 200, clientId: 'app', grantType: undefined },
        { endpoint: 'token', method: 'POST', path: '/default/token', status: 200, clientId: 'app', grantType: 'refresh_token' },
        { endpoint: 'introspection', method: 'POST', path: '/default/token/introspection', status: 200, clientId: 'app', grantType: undefined },
        { endpoint: 'revocation', method: 'POST', path: '/default/token/revocation', status: 200, clientId: 'app', grantType: undefined },
        { endpoint: 'end_session', method: 'GET', path: '/default/session/end', status: 200, clientId: 'app', grantType: undefined },
        { endpoint: 'end_session', method: 'POST', path: '/default/session/end/confirm', status: 303, clientId: 'app', grantType: undefined },
      ]);
      expect(entries[1]!.params).toEqual({
        redirect_uri: REDIRECT,
        code_challenge_method: 'S256',
        scope: 'openid email',
        response_type: 'code',
        state: true,
        nonce: true,
        code_challenge: true,
      });
      expect(entries[5]!.params).toEqual({ grant_type: 'authorization_code', redirect_uri: REDIRECT, code: true, code_verifier: true });
      expect(entries[8]!.params).toEqual({ grant_type: 'refresh_token', refresh_token: true });
      for (const e of entries) {
        expect(e.faults).toEqual([]);
        expect(e.durationMs).toBeGreaterThanOrEqual(0);
      }

      const journal = JSON.stringify(entries);
      for (const secret of seen.filter(Boolean)) expect(journal, `the journal leaks ${secret.slice(0, 12)}…`).not.toContain(secret);
    });
  });
});
