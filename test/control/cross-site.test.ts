import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { launchBrowser } from '../helpers/browser.js';
import { CLI } from '../helpers/cli.js';

/** One request with the Host header as given, sent to the provider's own address. */
function withHost(origin: string, method: string, path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    request({ host: hostname, port, method, path, headers: { ...headers, host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('DNS rebinding: the provider answers only for hosts it serves', () => {
  let idp: MockProviderHandle;
  let port: string;
  beforeAll(async () => {
    idp = await createMockProvider();
    port = new URL(idp.origin).port;
  });
  afterAll(() => idp.close());

  it('a request for another name gets 403 AUTHFAULT_HOST_NOT_ALLOWED, and no client secret', async () => {
    const res = await withHost(idp.origin, 'GET', '/__authfault/clients', 'evil.example');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({
      error: 'AUTHFAULT_HOST_NOT_ALLOWED',
      message: expect.stringContaining('the Host "evil.example" is not one this provider serves (127.0.0.1, localhost, [::1], or any IP address): a page of another site may have reached it through DNS rebinding. To serve a name of your own (a Docker Compose service, a proxy), add it to provider.allowed_hosts or pass --allow-host evil.example to authfault idp'),
    });
    expect(res.body).not.toContain(idp.clients[0]!.client_secret!);
    const provider = await withHost(idp.origin, 'GET', '/default/.well-known/openid-configuration', `evil.example:${port}`);
    expect(provider.status).toBe(403);
    expect(JSON.parse(provider.body)).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining(`the Host "evil.example:${port}"`) });
    expect((await withHost(idp.origin, 'GET', '/tenant-z/jwks', 'evil.example')).status).toBe(403);
    expect((await withHost(idp.origin, 'GET', '/__authfault/health', `127.0.0.1.evil.example:${port}`)).status).toBe(403);
    expect((await withHost(idp.origin, 'GET', '/__authfault/health', `localhost.:${port}`)).status).toBe(403);
    expect(idp.tenants()).toEqual([]);
  });

  it('serves 127.0.0.1, localhost, [::1], any IP address and *.localhost', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`, `10.1.2.3:${port}`, `app.localhost:${port}`, '127.0.0.1']) {
      expect((await withHost(idp.origin, 'GET', '/__authfault/health', host)).status, host).toBe(200);
    }
  });

  it('serves the configured issuer\u2019s name (a provider behind a proxy)', async () => {
    const free = await freePort();
    const behind = await createMockProvider({ port: free, issuer: 'http://idp.internal.test:8080/default' });
    try {
      const at = `http://127.0.0.1:${free}`;
      const res = await withHost(at, 'GET', '/default/.well-known/openid-configuration', 'idp.internal.test:8080');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).issuer).toBe('http://idp.internal.test:8080/default');
      const other = await withHost(at, 'GET', '/default/jwks', 'other.internal.test:8080');
      expect(other.status).toBe(403);
      expect(JSON.parse(other.body).error_description).toContain('(127.0.0.1, localhost, [::1], idp.internal.test, or any IP address)');
    } finally {
      await behind.close();
    }
  });
});

describe('state-changing control requests say where they come from', () => {
  let idp: MockProviderHandle;
  let host: string;
  beforeAll(async () => {
    idp = await createMockProvider();
    host = new URL(idp.origin).host;
  });
  afterAll(() => idp.close());

  it('refuses another origin, a null one and a same-site page with 403 AUTHFAULT_CROSS_SITE; a tenant’s control API too', async () => {
    for (const headers of <Record<string, string>[]>[{ origin: 'http://evil.example' }, { origin: 'null' }, { origin: `http://127.0.0.1:1` }, { 'sec-fetch-site': 'same-site' }, { 'sec-fetch-site': 'cross-site', origin: idp.origin }]) {
      const res = await withHost(idp.origin, 'POST', '/__authfault/reset', host, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(res.body), JSON.stringify(headers)).toMatchObject({ error: 'AUTHFAULT_CROSS_SITE', message: expect.stringContaining('POST /__authfault/reset came from a page of another origin') });
    }
    await idp.tenant('tenant-a');
    const tenant = await withHost(idp.origin, 'DELETE', '/tenant-a/__authfault/faults', host, { origin: 'http://evil.example' });
    expect(JSON.parse(tenant.body)).toMatchObject({ error: 'AUTHFAULT_CROSS_SITE', message: expect.stringContaining('DELETE /tenant-a/__authfault/faults came from a page of another origin (Origin: http://evil.example)') });
  });

  it('behind a proxy that rewrites Host: believes a browser’s Sec-Fetch-Site, and takes the issuer’s origin from one that sends none', async () => {
    const free = await freePort();
    const behind = await createMockProvider({ port: free, issuer: 'https://idp.internal.test/default' });
    try {
      const at = `http://127.0.0.1:${free}`;
      const local = `127.0.0.1:${free}`;
      expect((await withHost(at, 'POST', '/__authfault/reset', local, { 'sec-fetch-site': 'same-origin', origin: 'https://idp.internal.test' })).status).toBe(204);
      expect((await withHost(at, 'POST', '/__authfault/reset', local, { origin: 'https://idp.internal.test' })).status).toBe(204);
      expect((await withHost(at, 'POST', '/__authfault/reset', local, { origin: 'https://other.internal.test' })).status).toBe(403);
      expect((await withHost(at, 'POST', '/__authfault/reset', local, { 'sec-fetch-site': 'cross-site', origin: 'https://idp.internal.test' })).status).toBe(403);
    } finally {
      await behind.close();
    }
  });

  it('answers its own origin (by any scheme: a proxy may end TLS), and programs that send no Origin', async () => {
    for (const headers of <Record<string, string>[]>[{}, { origin: idp.origin }, { origin: `https://${host}` }, { 'sec-fetch-site': 'same-origin', origin: idp.origin }]) {
      expect((await withHost(idp.origin, 'POST', '/__authfault/reset', host, headers)).status, JSON.stringify(headers)).toBe(204);
    }
    expect((await withHost(idp.origin, 'GET', '/__authfault/faults', host, { 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  });
});

describe('provider.allowed_hosts and authfault idp --allow-host: names of your own (a Docker Compose service)', () => {
  it('serves the names listed, and ".name" for it and every name under it', async () => {
    const idp = await createMockProvider({ allowed_hosts: ['idp', '.internal.test'] });
    try {
      const port = new URL(idp.origin).port;
      for (const host of [`idp:${port}`, `IDP:${port}`, 'internal.test', `auth.internal.test:${port}`]) {
        expect((await withHost(idp.origin, 'GET', '/default/.well-known/openid-configuration', host)).status, host).toBe(200);
      }
      const other = await withHost(idp.origin, 'GET', '/__authfault/clients', `idp2:${port}`);
      expect(other.status).toBe(403);
      expect(JSON.parse(other.body).message).toContain('(127.0.0.1, localhost, [::1], idp, *.internal.test, or any IP address)');
    } finally {
      await idp.close();
    }
  });

  it('refuses an entry that is not a host name, saying what is', async () => {
    await expect(createMockProvider({ allowed_hosts: ['http://idp:9400'] })).rejects.toMatchObject({
      code: 'AUTHFAULT_CONFIG_INVALID',
      message: expect.stringContaining('a host name such as "idp" or "idp.internal", or ".internal" for it and every name under it (no port, no scheme)'),
    });
  });

  it('authfault idp --allow-host idp answers Host: idp, and still refuses others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authfault-allow-host-'));
    const child = spawn(process.execPath, [CLI, 'idp', '--port', '0', '--json', '--allow-host', 'idp', '--allow-host', 'idp.compose.test'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const ready = await new Promise<{ issuer: string }>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`authfault idp exited with ${code}`)));
        createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { issuer: string }));
      });
      const { origin, port } = new URL(ready.issuer);
      expect((await withHost(origin, 'GET', '/__authfault/health', `idp:${port}`)).status).toBe(200);
      expect((await withHost(origin, 'GET', '/__authfault/health', `idp.compose.test:${port}`)).status).toBe(200);
      expect((await withHost(origin, 'GET', '/__authfault/health', `evil.example:${port}`)).status).toBe(403);
    } finally {
      child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** A port nothing listens on now: the provider is told it, since its issuer names another. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a page of another origin, in real Chromium', () => {
  let idp: MockProviderHandle;
  let browser: Browser;
  let site: Server;
  let siteOrigin: string;
  /** The page the other site serves at /{name}: its HTML, with PROVIDER replaced by the provider's origin. */
  const pages: Record<string, string> = {
    // What the issue saw wipe faults and journal, and its variants: a form post, a text/plain body, a beacon.
    csrf: `<form method="post" action="PROVIDER/__authfault/faults" enctype="text/plain"><input type="hidden" name='{"kind":"rate-limit","x":"' value='"}'><button id="send">send</button></form>
<script>
(async () => {
  await fetch('PROVIDER/__authfault/reset', { method: 'POST', mode: 'no-cors' });
  await fetch('PROVIDER/__authfault/faults', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"kind":"rate-limit"}' });
  await fetch('PROVIDER/__authfault/journal', { method: 'DELETE', mode: 'no-cors' }).catch(() => {});
  navigator.sendBeacon('PROVIDER/__authfault/reset', 'x');
  document.title = 'sent';
})();
</script>`,
    resources: `<script>
let left = 3;
function done() {
  if (--left === 0) fetch('PROVIDER/notenant/jwks', { mode: 'no-cors' }).then(() => { document.title = 'loaded'; });
}
</script>
<img src="PROVIDER/imgtenant/jwks" onload="done()" onerror="done()">
<script src="PROVIDER/scripttenant/.well-known/openid-configuration" onload="done()" onerror="done()"></script>
<iframe src="PROVIDER/frametenant/.well-known/openid-configuration" onload="done()"></iframe>`,
    spa: `<script>
fetch('PROVIDER/spa-tenant/.well-known/openid-configuration').then((r) => r.json()).then((d) => { document.title = d.issuer; });
</script>`,
  };

  beforeAll(async () => {
    idp = await createMockProvider();
    site = createServer((req, res) => {
      const html = pages[req.url!.slice(1)];
      res.writeHead(html ? 200 : 404, { 'content-type': 'text/html' }).end(html?.replaceAll('PROVIDER', idp.origin) ?? '');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    // Another port of 127.0.0.1: same-site as the provider, another origin (what an app under test is).
    siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    site?.close();
    await idp?.close();
  });

  it('cannot reset the provider, set or clear faults or clear the journal', async () => {
    const [fault] = await idp.faults.add({ kind: 'token.expired' });
    await withHost(idp.origin, 'GET', '/default/jwks', `127.0.0.1:${new URL(idp.origin).port}`);
    const journal = idp.journal.entries().length;
    const page = await browser.newPage();
    try {
      await page.goto(`${siteOrigin}/csrf`);
      await page.waitForFunction('document.title === "sent"');
      await Promise.all([page.waitForURL(`${idp.origin}/__authfault/faults`), page.click('#send')]);
      expect(await page.textContent('body')).toContain('AUTHFAULT_CROSS_SITE');
    } finally {
      await page.close();
    }
    expect(idp.faults.list().map((f) => f.id)).toEqual([fault!.id]);
    expect(idp.journal.entries().length).toBeGreaterThanOrEqual(journal);
    idp.faults.clear();
  });

  it('creates no tenant by loading an image, a script, a frame or a no-cors fetch of a provider path', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${siteOrigin}/resources`);
      await page.waitForFunction('document.title === "loaded"');
    } finally {
      await page.close();
    }
    expect(idp.tenants()).toEqual([]);
  });

  it('still creates one for a single-page app that fetches discovery, and the admin page still changes the provider', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${siteOrigin}/spa`);
      await page.waitForFunction('document.title.startsWith("http")');
      expect(await page.title()).toBe(`${idp.origin}/spa-tenant`);
      expect(idp.tenants().map((t) => t.name)).toEqual(['spa-tenant']);
      // The provider's own origin: what the admin page's script does to reset.
      await page.goto(idp.admin);
      await idp.faults.add({ kind: 'rate-limit' });
      const status = await page.evaluate(async () => (await fetch('/__authfault/reset', { method: 'POST' })).status);
      expect(status).toBe(204);
      expect(idp.faults.list()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
