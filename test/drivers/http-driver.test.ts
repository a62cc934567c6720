import { createServer, type AddressInfo, type Server } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumError, HttpAgent } from '../../harness/drivers/http/agent.js';
import { newObservations } from '../../harness/drivers/observations.js';
import type { Step } from '../../harness/steps/index.js';
import type { ScenarioContext } from '../../harness/steps/step.js';
import { freePort } from '../../harness/target/free-port.js';
import { snapshotPage } from '../../harness/verdict/page-snapshot.js';
import { detectSignedIn } from '../../harness/verdict/signed-in.js';
import { openHttpAgent, startExampleApp, type ExampleApp } from './start-app.js';

const loc = { file: 'inline.yaml', line: 1, column: 1 };
const step = <T extends Step['type']>(type: T, args: Omit<Extract<Step, { type: T }>, 'type' | 'loc' | 'title'> = {} as never) => ({ type, ...args, title: type, loc }) as Step;
const endpoints = (app: ExampleApp, base: ScenarioContext) => app.idp.journal.entries(base.journalSince).map((e) => `${e.method} ${e.endpoint} ${e.status}`);

/**
 * The browserless driver against the real example apps and their own provider, started as a
 * runner worker starts them: each test is one scenario's worth of steps on a fresh user agent.
 */
describe('http driver against examples/careful-app', () => {
  let app: ExampleApp;
  const open: { close(): Promise<void> }[] = [];
  const drive = async (base: ScenarioContext) => {
    const driver = await openHttpAgent(base);
    open.push(driver);
    return driver;
  };

  beforeAll(async () => {
    app = await startExampleApp('careful-app');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(open.map((d) => d.close()));
    await app?.stop();
  });

  it('signs in through the provider’s login form and lands back in the app, every hop seen, the callback kept', async () => {
    const base = app.base();
    const driver = await drive(base);
    await driver.run(step('login', { user: 'alice' }));
    expect(driver.url()).toBe(`${app.appUrl}/`);
    expect(await driver.text()).toContain('Signed in as Alice Example');
    // Cookies are per host, not per port, and a Secure one goes to http://127.0.0.1 too (a
    // trustworthy origin): Chromium's jar holds the provider's session for the app's URL as well.
    expect(await driver.cookieNames(app.appUrl)).toEqual(['_session', '_session.sig', 'sid']);
    expect(base.obs.appResponses.map((r) => [new URL(r.url).pathname, r.status])).toEqual([
      ['/login', 302],
      ['/callback', 302],
      ['/', 200],
    ]);
    expect(base.obs.lastCallbackUrl).toMatch(new RegExp(`^${app.appUrl}/callback\\?code=[^&]+&state=`));
    expect(base.obs.notes).toEqual([]);
    expect(endpoints(app, base)).toEqual(expect.arrayContaining(['GET authorize 303', 'GET interaction 200', 'POST interaction 303', 'POST token 200']));
    // What the judge reads is the same PageView as for the browser.
    expect(await detectSignedIn(driver, { text: 'Signed in as' }, app.appUrl, 5000)).toEqual({ signedIn: true, how: 'the page shows "Signed in as"' });
    expect(await snapshotPage(driver, base.obs, app.appUrl)).toMatchObject({ url: `${app.appUrl}/`, lastPage: { url: `${app.appUrl}/`, status: 200 }, cookies: ['_session', '_session.sig', 'sid'] });
  });

  it('stops before the provider (a stand-in page at the authorization URL) or at it (its login form), as the browser driver does', async () => {
    const before = app.base();
    const stopped = await drive(before);
    await stopped.run(step('login', { stop: 'before-provider' }));
    expect(before.obs.authorizationUrl).toMatch(new RegExp(`^${before.idpOrigin}/default/auth\\?`));
    expect(stopped.url()).toBe(before.obs.authorizationUrl);
    expect(await stopped.text()).toBe('authfault stopped this login before the provider.');
    expect(endpoints(app, before).filter((e) => e.includes('authorize'))).toEqual([]);

    const at = app.base();
    const waiting = await drive(at);
    await waiting.run(step('login', { stop: 'at-provider' }));
    expect(waiting.url()).toMatch(new RegExp(`^${at.idpOrigin}/default/interaction/`));
    expect(await waiting.text()).toContain('Username');
    expect(endpoints(app, at).filter((e) => e.includes('token'))).toEqual([]);
  });

  it('signs out through the provider’s end-session page, which the browser submits by script and the agent submits itself', async () => {
    const base = app.base();
    const driver = await drive(base);
    await driver.run(step('login'));
    await driver.run(step('logout'));
    expect(endpoints(app, base).filter((e) => e.includes('end_session'))).toEqual(['GET end_session 200', 'POST end_session 303']);
    expect(driver.url()).toBe(`${app.appUrl}/`);
    expect(await driver.text()).toContain('Not signed in');
    await driver.run(step('visit', { page: 'profile' }));
    expect(base.obs.appResponses.at(-1)).toMatchObject({ url: `${app.appUrl}/profile`, status: 401 });
    expect(base.obs.notes).toEqual([]);
  });

  it('replays the last callback, runs parallel loads in one session, and checks the page as expect and wait-for do', async () => {
    const base = app.base();
    const driver = await drive(base);
    await driver.run(step('login'));
    await driver.run(step('parallel', { n: 3, page: 'profile' }));
    expect(base.obs.appResponses.filter((r) => r.parallel).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(base.obs.notes).toEqual([`3 parallel loads of ${app.appUrl}/profile: 3× 200`]);
    expect(driver.url()).toBe(`${app.appUrl}/`);
    await driver.run(step('expect', { text: 'Signed in as' }));
    await expect(driver.run(step('expect', { text: 'Your orders' }))).rejects.toThrow(`expected the page to show "Your orders"; it is at ${app.appUrl}/`);

    await driver.run(step('replay-callback'));
    expect(await driver.text()).toContain('Sign-in failed');
    expect(endpoints(app, base).filter((e) => e.includes('token'))).toEqual(['POST token 200']);

    // Nothing is loading: a page without the text cannot come to show it, so wait-for fails at once.
    const t0 = Date.now();
    await expect(driver.run(step('wait-for', { text: 'never shown', timeoutMs: 5000 }))).rejects.toThrow('the page did not show "never shown" within 5000 ms');
    expect(Date.now() - t0).toBeLessThan(1000);
    await driver.run(step('wait-for', { request: { endpoint: 'token', count: 1 }, timeoutMs: 1000 }));
  });

  it('types into the provider’s own login form and clicks its button, as a person does, and fails at once on what the page does not have', async () => {
    const base = app.base();
    const driver = await drive(base);
    await driver.run(step('login', { stop: 'at-provider' }));
    await driver.run(step('fill', { label: 'username', value: 'bob' }));
    // By name, "Sign in" is also each "Sign in as …" button of the user picker (names match in part, as Playwright's do).
    await driver.run(step('click', { target: { selector: 'button:not([name])' } }));
    expect(driver.url()).toBe(`${app.appUrl}/`);
    expect(await driver.text()).toContain('Signed in as Bob Example');
    expect(endpoints(app, base)).toEqual(expect.arrayContaining(['POST interaction 303', 'POST token 200']));
    await expect(driver.run(step('fill', { label: 'Username', value: 'alice' }))).rejects.toThrow(`there is no field labelled "Username" on the page (at ${app.appUrl}/)`);
    await expect(driver.run(step('click', { target: { name: 'Nowhere' } }))).rejects.toThrow(`clicking button or link "Nowhere" failed: there is no button or link "Nowhere" on the page (at ${app.appUrl}/)`);
    // A link, found by its text: followed.
    await driver.run(step('click', { target: { text: 'Profile' } }));
    expect(driver.url()).toBe(`${app.appUrl}/profile`);
    expect(base.obs.notes).toEqual([]);
  });

  it('leaves a hung load waiting, as a browser tab does, and records it as aborted when the next load replaces it', async () => {
    await app.idp.faults.add([{ kind: 'network.hang' }]);
    try {
      const base = app.base(1000);
      const driver = await drive(base);
      await driver.run(step('login'));
      expect(base.obs.notes).toEqual([expect.stringMatching(new RegExp(`^signing in at the provider failed: no answer from ${app.appUrl}/callback\\?code=.* within 1000 ms$`))]);
      expect([...base.obs.pending.values()].map((p) => new URL(p.url).pathname)).toEqual(['/callback']);
      await driver.run(step('goto', { url: '/' }));
      expect(base.obs.pending.size).toBe(0);
      expect(base.obs.navigationFailures).toEqual([{ url: expect.stringContaining('/callback?code='), error: 'net::ERR_ABORTED', ms: expect.any(Number) }]);
      // From the moment the callback was requested, a little after the step's clock started.
      expect(base.obs.navigationFailures[0]!.ms).toBeGreaterThan(500);
    } finally {
      app.idp.faults.clear();
    }
  });

  it('words a load that got no answer as Chromium does, which is what no-crash reads', async () => {
    const base = app.base();
    const driver = await drive(base);
    const closed = `http://127.0.0.1:${await freePort()}/`;
    await driver.run(step('goto', { url: closed }));
    expect(base.obs.navigationFailures).toEqual([{ url: closed, error: 'net::ERR_CONNECTION_REFUSED', ms: expect.any(Number) }]);
    expect(chromiumError(new Error('apiRequestContext.fetch: socket hang up (ECONNRESET)'))).toBe('net::ERR_EMPTY_RESPONSE');
    expect(chromiumError(new Error('apiRequestContext.fetch: read ECONNRESET'))).toBe('net::ERR_CONNECTION_RESET');
    expect(chromiumError(new Error('apiRequestContext.fetch: Parse Error: Invalid status code'))).toBe('net::ERR_INVALID_HTTP_RESPONSE');
  });
});

describe('http driver: a provider that asks for consent', () => {
  let app: ExampleApp;
  beforeAll(async () => {
    app = await startExampleApp('careful-app', (config) => ({
      ...config,
      provider: { ...config.provider, clients: config.provider.clients!.map((c) => ({ ...c, require_consent: true })) },
    }));
  }, 60_000);
  afterAll(() => app?.stop());

  it('answers the consent page with “Allow”', async () => {
    const base = app.base();
    const driver = await openHttpAgent(base);
    try {
      await driver.run(step('login'));
      expect(await driver.text()).toContain('Signed in as');
      expect(endpoints(app, base).filter((e) => e.startsWith('POST interaction'))).toEqual(['POST interaction 303', 'POST interaction 303']);
    } finally {
      await driver.close();
    }
  });
});

describe('http driver: responses read as Chromium reads them (raw sockets)', () => {
  const page = '<!doctype html><title>t</title><p>Sign-in failed</p>';
  // Each path answers as written, whatever was asked, then closes the connection.
  const answers: Record<string, Buffer> = {
    '/trailing': Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${page.length}\r\n\r\n${page}<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN"><title>500 Internal Server Error</title>`),
    '/gzip': Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: ${gzipSync(page).length}\r\n\r\n`), gzipSync(page)]),
    '/garbage': Buffer.from('<html>no status line at all</html>'),
  };
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((socket) => socket.once('data', (request) => socket.end(answers[/^GET (\S+)/.exec(request.toString())![1]!])));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('shows the response a server ends where its Content-Length says, notes the bytes it wrote after it, decodes gzip, and fails what is no HTTP at all', async () => {
    const obs = newObservations();
    const agent = await HttpAgent.open({ appUrl: origin, idpOrigin: 'https://127.0.0.1:1', obs, ignoreHTTPSErrors: false });
    try {
      const trailing = await agent.navigate(`${origin}/trailing`, { timeoutMs: 5000 });
      expect(trailing).toMatchObject({ kind: 'page', page: { status: 200, body: page } });
      expect(agent.shownText()).toBe('Sign-in failed');
      expect(obs.notes).toEqual([
        `the answer from ${origin}/trailing (200) went on after its end: 90 more bytes on the connection, starting "<!DOCTYPE HTML PUBLIC \\"-//IETF//DTD HTML 2.0//EN\\"><title>500" — not HTTP; a browser shows the answer, drops them and closes the connection, as this driver did`,
      ]);
      expect(await agent.navigate(`${origin}/gzip`, { timeoutMs: 5000 })).toMatchObject({ kind: 'page', page: { status: 200, body: page } });
      expect(await agent.navigate(`${origin}/garbage`, { timeoutMs: 5000 })).toEqual({ kind: 'failed', url: `${origin}/garbage`, error: 'net::ERR_INVALID_HTTP_RESPONSE' });
      expect(obs.appResponses.map((r) => [new URL(r.url).pathname, r.status])).toEqual([
        ['/trailing', 200],
        ['/gzip', 200],
      ]);
    } finally {
      await agent.close();
    }
  });
});
