import { execFile } from 'node:child_process';
import https from 'node:https';
import { connect as tcpConnect } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';

/** One request on a fresh connection (no agent pool), as a verifying or a careless Node client. */
function get(url: string, options: https.RequestOptions): Promise<{ status: number } | { code: string }> {
  return new Promise((resolve) => {
    const req = https.get(url, { agent: false, ...options }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode! }));
    });
    req.on('error', (error: Error & { code?: string }) => resolve({ code: error.code ?? error.message }));
  });
}

/** The server hears of a connection's end a moment after the client: poll the journal for it. */
async function transportEntries(idp: MockProviderHandle, since: number, count: number) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const entries = idp.journal.entries(since).filter((e) => e.endpoint === 'transport');
    if (entries.length >= count || Date.now() > deadline) return entries;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function getJson(url: string, ca: Buffer): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    https.get(url, { ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(JSON.parse(body) as Record<string, unknown>));
    }).on('error', reject);
  });
}

const CASES = [
  ['tls.self-signed', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'],
  ['tls.expired', 'CERT_HAS_EXPIRED', 'certificate expired a day ago'],
  ['tls.not-yet-valid', 'CERT_NOT_YET_VALID', 'certificate valid only from tomorrow'],
  ['tls.wrong-host', 'ERR_TLS_CERT_ALTNAME_INVALID', 'certificate for idp.example.invalid'],
  ['tls.untrusted-ca', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'certificate from an untrusted CA'],
  ['tls.incomplete-chain', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'leaf without its intermediate'],
] as const;

describe('HTTPS provider and TLS certificate faults', () => {
  let idp: MockProviderHandle;
  let ca: Buffer;
  let discovery: string;

  beforeAll(async () => {
    idp = await createMockProvider({ https: true });
    ca = readFileSync(idp.ca!.path);
    discovery = `${idp.issuer}/.well-known/openid-configuration`;
  });
  afterAll(() => idp.close());

  it('serves the issuer over HTTPS with a certificate from the run CA, written to a file and served at /__authfault/ca.pem', async () => {
    expect(idp.issuer).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/default$/);
    expect(await get(discovery, { ca })).toEqual({ status: 200 });
    expect(await get(discovery, {})).toEqual({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    const pem = await new Promise<string>((resolve) => https.get(`${idp.admin}/ca.pem`, { ca, agent: false }, (res) => { let b = ''; res.on('data', (d) => (b += d)); res.on('end', () => resolve(b)); }));
    expect(pem).toBe(ca.toString());
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('sends the browser to the front channel: discovery names it for authorization and logout only', async () => {
    const meta = await getJson(discovery, ca);
    expect(meta.authorization_endpoint).toBe(`${idp.frontOrigin}/default/auth`);
    expect(meta.end_session_endpoint).toBe(`${idp.frontOrigin}/default/session/end`);
    expect(meta.token_endpoint).toBe(`${idp.issuer}/token`);
    expect(new URL(idp.frontOrigin!).port).not.toBe(new URL(idp.issuer).port);
  });

  for (const [kind, code, label] of CASES) {
    it(`${kind}: a verifying client refuses with ${code}; one with verification off accepts, and the journal says which`, async () => {
      await idp.faults.add({ kind });
      const since = idp.journal.lastId;
      expect(await get(discovery, { ca })).toEqual({ code });
      const refused = await transportEntries(idp, since, 1);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.tls).toMatchObject({ listener: 'back', certificate: label, requestSent: false });

      const mark = idp.journal.lastId;
      expect(await get(discovery, { ca, rejectUnauthorized: false })).toEqual({ status: 200 });
      const accepted = await transportEntries(idp, mark, 1);
      expect(accepted[0]!.tls).toMatchObject({ listener: 'back', certificate: label, handshake: 'completed', requestSent: true });
      expect(idp.faults.list()[0]!.applied).toBe(2);

      idp.faults.clear();
      expect(await get(discovery, { ca })).toEqual({ status: 200 });
    });
  }

  for (const [kind, label, insecureAccepts] of [
    ['tls.weak-key', '512-bit RSA key', false],
    ['tls.sha1', 'certificate signed with SHA-1', true],
    ['tls.old-protocol', 'TLS 1.0/1.1 only', false],
  ] as const) {
    it(`${kind}: refused by a verifying client; with verification off, ${insecureAccepts ? 'accepted' : "still refused by Node 20's OpenSSL defaults"}`, async () => {
      await idp.faults.add({ kind });
      const since = idp.journal.lastId;
      expect(await get(discovery, { ca })).toMatchObject({ code: expect.any(String) });
      const refused = await transportEntries(idp, since, 1);
      expect(refused[0]!.tls).toMatchObject({ listener: 'back', certificate: label, requestSent: false });
      const insecure = await get(discovery, { ca, rejectUnauthorized: false });
      if (insecureAccepts) expect(insecure).toEqual({ status: 200 });
      else expect(insecure).toEqual({ code: 'EPROTO' });
      idp.faults.clear();
    });
  }

  it('openid-client with the run CA trusted (NODE_EXTRA_CA_CERTS in an app) refuses an expired certificate', async () => {
    const agentCa = { ca };
    await idp.faults.add({ kind: 'tls.expired' });
    const error = await new Promise((resolve) => https.get(discovery, { ...agentCa, agent: false }, () => resolve(undefined)).on('error', resolve));
    expect(error).toMatchObject({ code: 'CERT_HAS_EXPIRED' });
    idp.faults.clear();
  });

  it('the browser-facing front channel keeps the valid certificate while a fault is set', async () => {
    await idp.faults.add({ kind: 'tls.self-signed' });
    expect(await get(`${idp.frontOrigin}/default/.well-known/openid-configuration`, { ca })).toEqual({ status: 200 });
    idp.faults.clear();
  });

  it('network.reset resets the TCP connection under TLS: the client reads ECONNRESET, never a 500', async () => {
    const [fault] = await idp.faults.add({ kind: 'network.reset' });
    const since = idp.journal.lastId;
    const basic = `Basic ${Buffer.from(`demo-app:${idp.clients[0]!.client_secret!}`).toString('base64')}`;
    const outcome = await new Promise((resolve) => {
      const req = https.request(`${idp.issuer}/token`, { method: 'POST', ca, agent: false, headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode });
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code, message: error.message }));
      req.end('grant_type=client_credentials');
    });
    expect(outcome).toEqual({ code: 'ECONNRESET', message: 'read ECONNRESET' });
    const token = idp.journal.entries(since).filter((e) => e.endpoint === 'token');
    expect(token).toMatchObject([{ status: 0, outcome: 'reset', faults: [{ id: fault!.id, kind: 'network.reset', effect: 'reset the connection (TCP RST)' }] }]);
    idp.faults.clear();
    expect(await get(discovery, { ca })).toEqual({ status: 200 });
  });

  it('a handshake under way when a fault is set completes with the certificate it began with, and is journaled and counted as that', async () => {
    // The client's second flight (its Finished) is held: the server has sent its certificate (the
    // valid one) and waits, and the fault is set meanwhile.
    const url = new URL(discovery);
    const raw = tcpConnect(Number(url.port), url.hostname);
    let secondFlight!: () => void;
    const waiting = new Promise<void>((resolve) => (secondFlight = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let writes = 0;
    const held = new Duplex({
      write(chunk, _encoding, done) {
        if (++writes === 1) return void raw.write(chunk, done);
        secondFlight();
        void released.then(() => raw.write(chunk, done));
      },
      read() {},
      final(done) {
        raw.end();
        done();
      },
    });
    raw.on('data', (chunk) => held.push(chunk));
    raw.on('end', () => held.push(null));
    const since = idp.journal.lastId;
    const tls = tlsConnect({ socket: held, ca, servername: url.hostname });
    // In TLS 1.3 the client is connected once it has sent its Finished, which is held.
    const connected = new Promise<void>((resolve, reject) => tls.once('secureConnect', resolve).once('error', reject));
    await waiting;
    const [fault] = await idp.faults.add({ kind: 'tls.self-signed' });
    release();
    await connected;
    tls.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
    const head = await new Promise<string>((resolve) => tls.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    // Answered over the certificate it began with, then retired: the next request meets the fault.
    expect(head).toMatch(/\r\nconnection: close\r\n/i);
    tls.destroy();
    const [entry] = await transportEntries(idp, since, 1);
    expect(entry!.tls).toMatchObject({ listener: 'back', handshake: 'completed', requestSent: true });
    expect(entry!.tls!.certificate).not.toBe('self-signed certificate');
    expect(idp.faults.list().find((f) => f.id === fault!.id)!.applied).toBe(0);
    const mark = idp.journal.lastId;
    expect(await get(discovery, { ca })).toEqual({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const [refused] = await transportEntries(idp, mark, 1);
    expect(refused!.tls).toMatchObject({ certificate: 'self-signed certificate', handshake: 'failed' });
    expect(idp.faults.list().find((f) => f.id === fault!.id)!.applied).toBe(1);
    idp.faults.clear();
  });

  it('refuses per-request envelope conditions, which cannot select TLS connections', async () => {
    await expect(idp.faults.add({ kind: 'tls.expired', when: { nth: 2 } })).rejects.toMatchObject({
      code: 'AUTHFAULT_FAULT_INVALID',
      message: expect.stringContaining('when.nth: tls.expired applies to every new back-channel connection while it is set'),
    });
  });
});

describe('TLS faults on a plain-HTTP provider', () => {
  it('are refused with a message that says how to turn HTTPS on, and nothing stays set', async () => {
    const idp = await createMockProvider();
    await expect(idp.faults.add({ kind: 'tls.expired' })).rejects.toMatchObject({
      code: 'AUTHFAULT_TLS_REQUIRES_HTTPS',
      message: 'tls.expired needs the provider to serve HTTPS: set provider.https: true in the config (or run authfault idp --https)',
    });
    expect(idp.faults.list()).toEqual([]);
    await idp.close();
  });
});

describe('openid-client in a process of its own, as an app runs it', () => {
  let idp: MockProviderHandle;
  beforeAll(async () => {
    idp = await createMockProvider({ https: true });
  });
  afterAll(() => idp.close());

  const discover = (env: NodeJS.ProcessEnv) =>
    new Promise<{ ok: boolean; code?: string; cause?: string }>((resolve, reject) => {
      const script = fileURLToPath(new URL('../helpers/openid-discovery.mjs', import.meta.url));
      execFile(process.execPath, [script, idp.issuer, 'demo-app', idp.clients[0]!.client_secret!], { env: { ...process.env, ...env } }, (error, stdout) =>
        error ? reject(error) : resolve(JSON.parse(stdout) as { ok: boolean; code?: string; cause?: string }),
      );
    });

  it('trusting the run CA (NODE_EXTRA_CA_CERTS) it discovers the provider, refuses each bad certificate with its code, and accepts it with verification off', async () => {
    const trusted = { NODE_EXTRA_CA_CERTS: idp.ca!.path };
    expect(await discover(trusted)).toMatchObject({ ok: true });
    for (const [kind, code] of CASES) {
      await idp.faults.add({ kind });
      expect({ kind, ...(await discover(trusted)) }).toMatchObject({ kind, ok: false, cause: code });
      const mark = idp.journal.lastId;
      expect({ kind, ...(await discover({ ...trusted, NODE_TLS_REJECT_UNAUTHORIZED: '0' })) }).toMatchObject({ kind, ok: true });
      const accepted = (await transportEntries(idp, mark, 1)).filter((e) => e.tls?.listener === 'back');
      expect(accepted.some((e) => e.tls!.requestSent)).toBe(true);
      idp.faults.clear();
    }
  }, 60_000);
});
