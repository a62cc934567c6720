import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import https from 'node:https';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';

interface ReadyLine {
  issuer: string;
  admin: string;
  ca: string;
}

// The trap of issue #12: the banner's own `authfault fault add tls.expired --idp … --ca $CA` set the
// fault, then lost its answer (the certificate swap closed the connection carrying it) and every
// later command met the expired certificate of the listener the control API was on.
describe('authfault idp --https: the control API keeps its answers and stays reachable under tls.* faults', () => {
  let idp: ChildProcess;
  let ready: ReadyLine;
  let back: string;
  let front: string;
  let banner = '';
  // A project folder: the provider keeps its ports in .authfault/ there, where the CLI finds them.
  let project: string;

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'authfault-https-control-'));
    await writeFile(join(project, 'authfault.config.yaml'), 'target:\n  command: node app.js\nlogin:\n  url: "{app}/login"\nsigned-in:\n  text: Signed in\n');
    idp = spawn(process.execPath, [CLI, 'idp', '--https', '--port', '0', '--json'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    const bannerPrinted = new Promise<void>((resolve) => {
      idp.stderr!.on('data', (d: Buffer) => {
        banner += d.toString();
        if (banner.includes('Ctrl-C stops the provider.')) resolve();
      });
    });
    ready = await new Promise<ReadyLine>((resolve, reject) => {
      idp.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}`)));
      createInterface({ input: idp.stdout! }).once('line', (line) => resolve(JSON.parse(line) as ReadyLine));
    });
    back = new URL(ready.issuer).origin;
    front = new URL(ready.admin).origin;
    await bannerPrinted;
  }, 60_000);
  afterAll(async () => {
    idp.kill('SIGTERM');
    await rm(project, { recursive: true, force: true });
  });

  it('prints the control API on the front channel, and the banner sets faults there', () => {
    expect(front).not.toBe(back);
    expect(ready.admin).toBe(`${front}/__authfault`);
    expect(banner).toContain(`Set faults: authfault fault add <kind> --idp ${front} --ca ${ready.ca} [--tenant <name>]`);
  });

  it('reaches the control API on the front channel even when --idp names the back one, before and after its certificate breaks', async () => {
    // The issuer's origin: the CLI asks its /health where the control API is best reached.
    const added = await runCli(['fault', 'add', 'tls.expired', '--idp', back, '--ca', ready.ca]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^f\d+  tls\.expired  \{\}\n$/);

    // Now the back channel's certificate is expired. From the project, the state folder says where the front channel is.
    const fromProject = await runCli(['fault', 'list', '--idp', back, '--ca', ready.ca], { cwd: project });
    expect(fromProject).toMatchObject({ code: 0, stderr: '' });
    expect(fromProject.stdout).toMatch(/^f\d+  tls\.expired  \{\}  matched \d+, applied \d+\n$/);

    // Elsewhere nothing says so: the message names the way out.
    const refused = await runCli(['fault', 'list', '--idp', back, '--ca', ready.ca]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`the provider at ${back} presents a certificate this command refuses (CERT_HAS_EXPIRED): a tls.* fault set on the provider`);
    expect(refused.stderr).toContain('pass --idp with the origin of the banner\'s "admin" line');

    const listed = await runCli(['fault', 'list', '--idp', front, '--ca', ready.ca]);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toMatch(/^f\d+  tls\.expired  \{\}  matched \d+, applied \d+\n$/);
    expect(await runCli(['fault', 'clear', '--idp', front, '--ca', ready.ca])).toMatchObject({ code: 0, stdout: 'removed every fault\n' });
    expect(await runCli(['fault', 'list', '--idp', back, '--ca', ready.ca])).toMatchObject({ code: 0, stdout: 'no faults set\n' });
  }, 60_000);

  it('answers plain HTTP sent to either HTTPS port with the URL to use instead', async () => {
    for (const origin of [back, front]) {
      const plain = origin.replace('https:', 'http:');
      const listed = await runCli(['fault', 'list', '--idp', plain]);
      expect(listed.code).toBe(2);
      expect(listed.stderr).toBe(
        `authfault: this port serves HTTPS, not plain HTTP: use ${origin}/__authfault/faults (the provider runs with https; trust its run CA, the "CA" line of authfault idp --https, also served at /__authfault/ca.pem) [AUTHFAULT_HTTPS_REQUIRED]\n`,
      );
      const page = await fetch(`${plain}/default/.well-known/openid-configuration`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(400);
      expect(await page.text()).toContain(`use ${origin}/default/.well-known/openid-configuration`);
      // HEAD: the same status and length, and no body, which a client would read as a second answer.
      const head = await new Promise<{ status: number; length: number }>((resolve, reject) => {
        http
          .request(`${plain}/default/jwks`, { method: 'HEAD' }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, length: Number(res.headers['content-length']) }));
          })
          .on('error', reject)
          .end();
      });
      expect(head.status).toBe(400);
      expect(head.length).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe('swapping the back channel\'s certificate', () => {
  let idp: MockProviderHandle;
  let ca: Buffer;
  beforeAll(async () => {
    idp = await createMockProvider({ https: true });
    ca = readFileSync(idp.ca!.path);
  }, 60_000);
  afterAll(() => idp.close());

  it('closes idle kept-alive connections at once, and an in-flight one after its response', async () => {
    const agent = new https.Agent({ keepAlive: true, ca });
    const sockets: import('node:net').Socket[] = [];
    agent.on('free', (socket) => sockets.push(socket));
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        https.get(`${idp.issuer}${path}`, { agent }, (res) => (res.resume(), res.on('end', () => resolve(res.statusCode!)))).on('error', reject);
      });
    // Two connections kept alive: the fault's request takes one, the other stays idle.
    expect(await Promise.all([get('/jwks'), get('/jwks')])).toEqual([200, 200]);
    expect(new Set(sockets).size).toBe(2);
    const closed = Promise.all([...new Set(sockets)].map((socket) => new Promise((resolve) => socket.once('close', resolve))));

    // The swap happens while the fault's own request is in flight, on a connection of the same agent.
    const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = https.request(`${idp.origin}/__authfault/faults`, { agent, method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ kind: 'tls.expired' }));
    });
    expect(await answer).toEqual({ status: 201, connection: 'close' });
    // Kept open, the idle connection would carry this request over the valid certificate.
    await expect(get('/jwks')).rejects.toMatchObject({ code: expect.stringMatching(/^(CERT_HAS_EXPIRED|ECONNRESET)$/) });
    await closed;
    agent.destroy();
    idp.faults.clear();
  });
});
