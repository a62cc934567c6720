import supertest from 'supertest';
import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockProvider, DEFAULTS, type MockProviderHandle } from '../../mock-provider/index.js';
import { authorizationRequest, discover } from '../helpers/authorization-request.js';
import { loginThroughProvider } from '../helpers/http-login.js';
import { UserAgent } from '../helpers/user-agent.js';

const REDIRECT = 'http://127.0.0.1:9/callback';
const SECRET = 'users-api-secret-0123';
const ALICE = { id: 'alice', name: 'Alice Example', email: 'alice@example.com', email_verified: true };

describe('users and clients through the control API', () => {
  let idp: MockProviderHandle;
  let api: supertest.Agent;

  beforeAll(async () => {
    idp = await createMockProvider({ clients: [{ client_id: 'app', client_secret: SECRET, redirect_uris: [REDIRECT] }], users: [ALICE] });
    api = supertest.agent(idp.admin);
  });
  afterAll(() => idp.close());
  beforeEach(() => idp.reconfigure({ users: [ALICE] }));

  /** Sign in as `user` with openid-client and fetch userinfo: what an app would see of them. */
  async function signIn(user: string, scope = 'openid profile email') {
    const config = await discover(idp.issuer, 'app', SECRET);
    const request = await authorizationRequest(idp.issuer, 'app', REDIRECT, { scope });
    const callback = await loginThroughProvider(request.url.href, REDIRECT, user);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce });
    const idToken = tokens.claims()!;
    return { config, tokens, idToken, userinfo: await client.fetchUserInfo(config, tokens.access_token, idToken.sub) };
  }

  describe('GET /users, GET /users/:id, GET /clients', () => {
    it('list the users and clients the provider has now', async () => {
      expect((await api.get('/users').expect(200).expect('content-type', /application\/json/)).body).toEqual({ users: [ALICE] });
      expect((await api.get('/users/alice').expect(200)).body).toEqual({ user: ALICE });
      const { body } = await api.get('/clients').expect(200);
      expect(body).toEqual({
        clients: [
          {
            client_id: 'app',
            client_secret: SECRET,
            public: false,
            redirect_uris: [REDIRECT],
            post_logout_redirect_uris: [],
            any_loopback_redirect_uri: false,
            grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
            require_consent: false,
          },
        ],
      });
    });

    it('an unknown user is 404 AUTHFAULT_USER_NOT_FOUND', async () => {
      const { body } = await api.get('/users/nobody').expect(404).expect('content-type', /application\/json/);
      expect(body).toEqual({ error: 'AUTHFAULT_USER_NOT_FOUND', message: 'no user with id "nobody"; GET /__authfault/users lists them', details: [] });
    });
  });

  describe('PUT /users/:id', () => {
    it('creates a user (201), then replaces it (200); the id comes from the path', async () => {
      const created = await api.put('/users/carol').send({ name: 'Carol', roles: ['admin'], claims: { department: 'sales' } }).expect(201);
      expect(created.body).toEqual({ user: { id: 'carol', name: 'Carol', roles: ['admin'], claims: { department: 'sales' } } });
      const replaced = await api.put('/users/carol').send({ id: 'carol', email: 'carol@example.com' }).expect(200);
      expect(replaced.body).toEqual({ user: { id: 'carol', email: 'carol@example.com' } });
      expect(idp.users.map((u) => u.id)).toEqual(['alice', 'carol']);
    });

    it('a replaced user keeps its place in the list', async () => {
      await api.put('/users/carol').send({}).expect(201);
      await api.put('/users/alice').send({ name: 'Alice Again' }).expect(200);
      expect((await api.get('/users').expect(200)).body.users).toEqual([{ id: 'alice', name: 'Alice Again' }, { id: 'carol' }]);
    });

    it('refuses a body whose id differs from the path: 400 AUTHFAULT_USER_INVALID, nothing changes', async () => {
      const { body } = await api.put('/users/carol').send({ id: 'dave' }).expect(400);
      expect(body).toEqual({
        error: 'AUTHFAULT_USER_INVALID',
        message: 'the body\'s id "dave" differs from the path\'s "carol"; leave id out or make them equal',
        details: [{ code: 'ID_MISMATCH', path: ['id'], message: 'must be "carol", the id in the path' }],
      });
      expect(idp.users.map((u) => u.id)).toEqual(['alice']);
    });

    it('reports every schema problem at once, with paths and a suggestion for a misspelt key', async () => {
      const { body } = await api.put('/users/carol').send({ roles: 'admin', emial: 'c@example.com', email_verified: 'yes' }).expect(400);
      expect(body.error).toBe('AUTHFAULT_USER_INVALID');
      expect(body.details).toEqual([
        { code: 'INVALID_TYPE', path: ['email_verified'], message: 'expected true or false, got "yes"', expected: 'true or false' },
        { code: 'INVALID_TYPE', path: ['roles'], message: 'expected a list, got "admin"', expected: 'a list' },
        {
          code: 'UNKNOWN_KEY',
          path: ['emial'],
          at: 'key',
          message: 'unknown key "emial" — did you mean "email"?',
          allowed: ['id', 'name', 'given_name', 'family_name', 'email', 'email_verified', 'roles', 'claims'],
          suggestion: 'email',
        },
      ]);
      expect(body.message).toBe(
        'invalid user: email_verified: expected true or false, got "yes"; roles: expected a list, got "admin"; ' +
          'emial: unknown key "emial" — did you mean "email"? (allowed: id, name, given_name, family_name, email, email_verified, roles, claims)',
      );
      expect(idp.users.map((u) => u.id)).toEqual(['alice']);
    });

    it('asks for JSON: 400 AUTHFAULT_BAD_REQUEST for a form, 400 AUTHFAULT_BAD_JSON for broken JSON', async () => {
      const form = await api.put('/users/carol').type('form').send('name=Carol').expect(400);
      expect(form.body).toEqual({ error: 'AUTHFAULT_BAD_REQUEST', message: 'send the user as JSON, with Content-Type: application/json', details: [] });
      const broken = await api.put('/users/carol').set('content-type', 'application/json').send('{"name": ').expect(400);
      expect(broken.body).toMatchObject({ error: 'AUTHFAULT_BAD_JSON', details: [] });
      expect(broken.body.message).toMatch(/^the body is not valid JSON: /);
    });
  });

  describe('PATCH /users/:id', () => {
    it('merges claims, replaces fields and removes what is null (RFC 7396)', async () => {
      await api.put('/users/carol').send({ name: 'Carol', roles: ['a'], claims: { department: 'sales', level: 1 } }).expect(201);
      const { body } = await api
        .patch('/users/carol')
        .set('content-type', 'application/merge-patch+json')
        .send(JSON.stringify({ name: null, roles: ['a', 'b'], claims: { level: 2, department: null, team: 'blue' } }))
        .expect(200);
      expect(body).toEqual({ user: { id: 'carol', roles: ['a', 'b'], claims: { level: 2, team: 'blue' } } });
      expect(idp.users.get('carol')).toEqual(body.user);
    });

    it('refuses to change the id, an unknown user, a non-object and an invalid result', async () => {
      const id = await api.patch('/users/alice').send({ id: 'eve' }).expect(400);
      expect(id.body).toEqual({
        error: 'AUTHFAULT_USER_INVALID',
        message: 'invalid user: id: the id cannot change (it is the subject, "alice"); PUT the user under the new id and DELETE this one',
        details: [{ code: 'ID_CHANGED', path: ['id'], message: 'the id cannot change (it is the subject, "alice"); PUT the user under the new id and DELETE this one' }],
      });
      const unknown = await api.patch('/users/nobody').send({ name: 'x' }).expect(404);
      expect(unknown.body).toEqual({ error: 'AUTHFAULT_USER_NOT_FOUND', message: 'no user with id "nobody"; GET /__authfault/users lists them', details: [] });
      const list = await api.patch('/users/alice').send([{ name: 'x' }]).expect(400);
      expect(list.body.details).toEqual([{ code: 'INVALID_TYPE', path: [], message: 'send the changes as a JSON object, e.g. {"claims": {"department": "sales"}}' }]);
      const bad = await api.patch('/users/alice').send({ roles: [1] }).expect(400);
      expect(bad.body.details).toEqual([{ code: 'INVALID_TYPE', path: ['roles', 0], message: 'expected a string, got 1', expected: 'a string' }]);
      expect(idp.users.get('alice')).toEqual(ALICE);
    });

    it('gives no field through "__proto__": the key is refused, and alice gets no roles', async () => {
      const res = await api.patch('/users/alice').type('json').send('{"__proto__":{"roles":["admin"]}}').expect(400);
      expect(res.body).toEqual({
        error: 'AUTHFAULT_JSON_LIMIT',
        message: 'the body is past a limit at __proto__: the key "__proto__" is not allowed',
        details: [{ code: 'PROTO_KEY', path: ['__proto__'], message: 'the key "__proto__" is not allowed' }],
      });
      expect(idp.users.get('alice')).toEqual(ALICE);
      expect((await api.get('/users/alice').expect(200)).body).toEqual({ user: ALICE });
    });
  });

  describe('DELETE /users/:id', () => {
    it('removes a user (204), then says it is gone (404)', async () => {
      await api.put('/users/carol').send({}).expect(201);
      await api.delete('/users/carol').expect(204);
      const again = await api.delete('/users/carol').expect(404);
      expect(again.body.error).toBe('AUTHFAULT_USER_NOT_FOUND');
      expect(idp.users.map((u) => u.id)).toEqual(['alice']);
    });
  });

  describe('changes reach the app at the next login, token or userinfo call', () => {
    it('a user created at run time signs in, with roles and a claim no user had at start-up in the ID token and userinfo', async () => {
      await api.put('/users/carol').send({ name: 'Carol', roles: ['admin'], claims: { department: 'sales' } }).expect(201);
      const { idToken, userinfo } = await signIn('carol');
      expect(idToken).toMatchObject({ sub: 'carol', name: 'Carol', roles: ['admin'], department: 'sales' });
      expect(userinfo).toEqual({ sub: 'carol', preferred_username: 'carol', name: 'Carol', roles: ['admin'], department: 'sales' });
    });

    it('run-time claims ride on the profile scope only, as start-up claims do', async () => {
      await api.put('/users/carol').send({ claims: { department: 'sales' } }).expect(201);
      const { idToken, userinfo } = await signIn('carol', 'openid email');
      expect(idToken.department).toBeUndefined();
      expect(userinfo).toEqual({ sub: 'carol' });
    });

    it('a patched claim shows at the next userinfo call with the token the app already has', async () => {
      const { config, tokens } = await signIn('alice');
      await api.patch('/users/alice').send({ claims: { department: 'support' }, name: 'Alice Renamed' }).expect(200);
      expect(await client.fetchUserInfo(config, tokens.access_token, 'alice')).toMatchObject({ name: 'Alice Renamed', department: 'support' });
    });

    it('a deleted user is no longer offered; signing in under the name makes a new user with default claims', async () => {
      await api.put('/users/carol').send({ roles: ['admin'] }).expect(201);
      await api.delete('/users/carol').expect(204);
      const ua = await UserAgent.open();
      try {
        const login = await ua.visit((await authorizationRequest(idp.issuer, 'app', REDIRECT)).url.href, REDIRECT);
        expect(login.page?.html).toContain('>Sign in as alice</button>');
        expect(login.page?.html).not.toContain('Sign in as carol');
        const back = await ua.submit(login.page!, { username: 'carol' }, REDIRECT);
        expect(back.redirect?.searchParams.get('code')).toBeTruthy();
        expect(idp.users.get('carol')).toEqual({ id: 'carol', name: 'Carol', given_name: 'Carol', email: 'carol@example.com', email_verified: true });
      } finally {
        await ua.dispose();
      }
    });
  });
});

describe('idp.users: the same list in code', () => {
  let idp: MockProviderHandle;
  beforeAll(async () => {
    idp = await createMockProvider();
  });
  afterAll(() => idp.close());

  it('reads like the array it was (existing callers keep working) and changes in place', () => {
    const users = idp.users;
    expect(Array.isArray(users)).toBe(true);
    expect(JSON.parse(JSON.stringify(users))).toEqual(DEFAULTS.users);
    expect(users.map((u) => u.id)).toEqual(['alice', 'bob']);
    expect(users.map((u) => u.id).constructor).toBe(Array);

    expect(users.set({ id: 'carol', claims: { tier: 'gold' } })).toEqual({ id: 'carol', claims: { tier: 'gold' } });
    expect(users.patch('carol', { claims: { tier: null, region: 'eu' } })).toEqual({ id: 'carol', claims: { region: 'eu' } });
    expect(idp.users).toBe(users);
    expect(users.get('carol')).toEqual({ id: 'carol', claims: { region: 'eu' } });
    expect(users.remove('carol')).toBe(true);
    expect(users.remove('carol')).toBe(false);
    expect(() => users.set({ id: '' })).toThrow(expect.objectContaining({ code: 'AUTHFAULT_USER_INVALID' }));
    expect(() => users.patch('nobody', {})).toThrow(expect.objectContaining({ code: 'AUTHFAULT_USER_NOT_FOUND' }));
  });

  it('a "__proto__" key in a patch is a key like any other (refused), never the user\'s prototype', () => {
    const users = idp.users;
    expect(() => users.patch('alice', JSON.parse('{"__proto__":{"roles":["admin"]}}'))).toThrow(
      expect.objectContaining({ code: 'AUTHFAULT_USER_INVALID', message: 'the user is past a limit at __proto__: the key "__proto__" is not allowed' }),
    );
    expect(() => users.patch('alice', JSON.parse('{"claims":{"__proto__":{"admin":true},"tier":"gold"}}'))).toThrow(
      expect.objectContaining({ code: 'AUTHFAULT_USER_INVALID', message: 'the user is past a limit at claims.__proto__: the key "__proto__" is not allowed' }),
    );
    const alice = users.get('alice')!;
    expect(alice.roles).toBeUndefined();
    expect(alice.claims).toBeUndefined();
    expect(Object.getPrototypeOf(alice)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).roles).toBeUndefined();
  });
});
