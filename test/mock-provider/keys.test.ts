import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jose from 'jose';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthfaultError, createMockProvider } from '../../mock-provider/index.js';
import { authorizationRequest } from '../helpers/authorization-request.js';
import { UserAgent } from '../helpers/user-agent.js';

const REDIRECT = 'http://127.0.0.1:9/callback';

describe('signing keys kept in a file (keys: { file })', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authfault-keys-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const publishedKeys = async (origin: string) => (await supertest(origin).get('/default/jwks').expect(200)).body.keys as jose.JWK[];
  const options = (file: string) => ({
    keys: { file },
    clients: [{ client_id: 'app', client_secret: 'app-secret', redirect_uris: [REDIRECT] }],
  });

  it('creates the file (mode 0600) on first start, and a second provider with it publishes the same kid', async () => {
    const file = join(dir, 'first-start.json');
    const first = await createMockProvider(options(file));
    let kid: string;
    try {
      const info = await stat(file);
      expect(info.mode & 0o777).toBe(0o600);
      const saved = JSON.parse(await readFile(file, 'utf8')) as { keys: jose.JWK[] };
      expect(saved.keys).toHaveLength(1);
      expect(saved.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.stringMatching(/^authfault-[0-9a-f]{12}$/) });
      expect(Object.keys(saved.keys[0]!)).toEqual(expect.arrayContaining(['d', 'p', 'q', 'dp', 'dq', 'qi']));
      const published = await publishedKeys(first.origin);
      expect(published).toEqual([{ kty: 'RSA', use: 'sig', kid: saved.keys[0]!.kid, alg: 'RS256', e: saved.keys[0]!.e, n: saved.keys[0]!.n }]);
      kid = saved.keys[0]!.kid!;
    } finally {
      await first.close();
    }

    const before = await readFile(file, 'utf8');
    const mtime = (await stat(file)).mtimeMs;
    const second = await createMockProvider(options(file));
    try {
      expect((await publishedKeys(second.origin)).map((k) => k.kid)).toEqual([kid]);
      expect(await readFile(file, 'utf8')).toBe(before);
      expect((await stat(file)).mtimeMs).toBe(mtime);
    } finally {
      await second.close();
    }
  });

  it('lets an id_token of the next run verify against the JWKS an app cached from this one', async () => {
    const file = join(dir, 'restart.json');
    const first = await createMockProvider(options(file));
    const cached = jose.createLocalJWKSet({ keys: await publishedKeys(first.origin) });
    await first.close();

    const second = await createMockProvider(options(file));
    const browser = await UserAgent.open();
    try {
      const request = await authorizationRequest(second.issuer, 'app', REDIRECT);
      const callback = await browser.authorize(request.url.href, REDIRECT, 'alice');
      const { body } = await supertest(second.origin)
        .post('/default/token')
        .auth('app', 'app-secret')
        .type('form')
        .send({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: request.verifier })
        .expect(200);
      const { payload } = await jose.jwtVerify(body.id_token, cached, { issuer: second.issuer, audience: 'app' });
      expect(payload.sub).toBe('alice');
    } finally {
      await browser.dispose();
      await second.close();
    }
  });

  it.each([
    ['not JSON', 'not json at all', /^Unexpected token 'o', "not json at all" is not valid JSON$/],
    ['a public JWKS (no private key)', null, /^no private key with a kid$/],
    ['an empty key set', '{"keys": []}\n', /^no private key with a kid$/],
    ['an empty file', '', /^Unexpected end of JSON input$/],
  ] as const)('refuses a file that is %s with AUTHFAULT_KEYS_INVALID and leaves it as it was', async (what, content, reason) => {
    const file = join(dir, `${what.replace(/\W+/g, '-')}.json`);
    const text =
      content ??
      JSON.stringify({ keys: [{ ...(await jose.exportJWK((await jose.generateKeyPair('RS256', { extractable: true })).publicKey)), kid: 'public-only', alg: 'RS256' }] });
    await writeFile(file, text, { mode: 0o644 });
    const error = await createMockProvider(options(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthfaultError);
    expect((error as AuthfaultError).code).toBe('AUTHFAULT_KEYS_INVALID');
    const message = (error as AuthfaultError).message;
    const inner = new RegExp(`^${escape(file)} is not a private JWKS written by authfault \\((.*)\\); move it away and a new one is written$`).exec(message);
    expect(inner, message).not.toBeNull();
    expect(inner![1]).toMatch(reason);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
