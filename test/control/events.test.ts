import supertest from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { EventReader, type SseEvent } from './sse.js';

describe('GET /__authfault/events: the live stream behind the admin page', () => {
  let idp: MockProviderHandle;
  let stream: EventReader | undefined;

  beforeAll(async () => {
    idp = await createMockProvider({ clients: [{ client_id: 'app', client_secret: 'events-secret-0123', redirect_uris: ['http://127.0.0.1:9/cb'] }] });
  });
  afterAll(() => idp.close());
  beforeEach(() => idp.reset());
  afterEach(() => stream?.close());

  const discovery = () => fetch(`${idp.issuer}/.well-known/openid-configuration`);
  const is = (event: string, test: (data: any) => boolean = () => true) => (e: SseEvent) => e.event === event && test(e.data);

  it('answers text/event-stream, uncached, and starts with the faults set and the journal’s last id', async () => {
    await idp.faults.add({ kind: 'state.tampered' });
    await discovery();
    stream = await EventReader.open(`${idp.admin}/events`);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('cache-control')).toBe('no-cache, no-transform');
    await stream.next(is('ready'));
    expect(stream.events).toEqual([
      { event: 'faults', data: { faults: [expect.objectContaining({ id: expect.any(String), kind: 'state.tampered', matched: 0, applied: 0 })] } },
      { event: 'ready', data: { lastId: idp.journal.lastId } },
    ]);
  });

  it('sends each request twice: when it starts (status 0) and when it ends', async () => {
    stream = await EventReader.open(`${idp.admin}/events`);
    await stream.next(is('ready'));
    await discovery();
    const start = await stream.next(is('journal', (d) => d.phase === 'start'));
    const end = await stream.next(is('journal', (d) => d.phase === 'end'), start.index);
    expect(start.data.entry).toMatchObject({ endpoint: 'discovery', method: 'GET', status: 0 });
    expect(end.data.entry).toEqual(idp.journal.entries().find((e) => e.id === start.data.entry.id));
    expect(end.data.entry.status).toBe(200);
  });

  it('with ?since=N replays the entries after N before `ready`, then goes live; Last-Event-ID works the same', async () => {
    await discovery();
    const first = idp.journal.lastId;
    await discovery();
    await discovery();
    stream = await EventReader.open(`${idp.admin}/events?since=${first}`);
    await stream.next(is('ready'));
    expect(stream.events.map((e) => [e.event, e.data.phase, e.data.entry?.id])).toEqual([
      ['faults', undefined, undefined],
      ['journal', 'end', first + 1],
      ['journal', 'end', first + 2],
      ['ready', undefined, undefined],
    ]);
    stream.close();
    stream = await EventReader.open(`${idp.admin}/events`, { 'Last-Event-ID': String(first + 1) });
    await stream.next(is('ready'));
    expect(stream.events.filter((e) => e.event === 'journal').map((e) => e.data.entry.id)).toEqual([first + 2]);
  });

  it('follows faults: set, the requests they change (with counters), removed', async () => {
    stream = await EventReader.open(`${idp.admin}/events`);
    await stream.next(is('ready'));
    const [fault] = await idp.faults.add({ kind: 'rate-limit', limit: 0, when: { endpoint: 'discovery' } });
    const set = await stream.next(is('faults', (d) => d.faults.length === 1));
    expect(set.data.faults[0]).toMatchObject({ id: fault!.id, kind: 'rate-limit', params: { limit: 0 }, applied: 0 });

    expect((await discovery()).status).toBe(429);
    const changed = await stream.next(is('journal', (d) => d.phase === 'end'), set.index);
    expect(changed.data.entry).toMatchObject({ status: 429, faults: [{ id: fault!.id, kind: 'rate-limit', effect: expect.stringContaining('429') }] });
    const counted = await stream.next(is('faults'), changed.index);
    expect(counted.data.faults[0]).toMatchObject({ matched: 1, applied: 1 });

    idp.faults.remove(fault!.id);
    await stream.next(is('faults', (d) => d.faults.length === 0), counted.index + 1);
  });

  it('follows users, clients, a cleared journal and a reset', async () => {
    stream = await EventReader.open(`${idp.admin}/events`);
    const ready = await stream.next(is('ready'));
    await supertest(idp.admin).put('/users/carol').send({ name: 'Carol' }).expect(201);
    const users = await stream.next(is('users'), ready.index);
    expect(users.data.users.map((u: { id: string }) => u.id)).toEqual(['alice', 'bob', 'carol']);
    idp.users.remove('carol');

    idp.reconfigure({ clients: [{ client_id: 'other', client_secret: 'other-secret-0123' }] });
    const clients = await stream.next(is('clients'), users.index);
    expect(clients.data.clients.map((c: { client_id: string }) => c.client_id)).toEqual(['other']);

    await supertest(idp.admin).delete('/journal').expect(204);
    const cleared = await stream.next(is('journal-cleared'), clients.index);
    await supertest(idp.admin).post('/reset').expect(204);
    await stream.next(is('reset'), cleared.index);
  });

  it('refuses a `since` that is not an entry id: 400 AUTHFAULT_BAD_REQUEST as JSON', async () => {
    const { body } = await supertest(idp.admin).get('/events?since=-1').expect(400).expect('content-type', /application\/json/);
    expect(body).toEqual({ error: 'AUTHFAULT_BAD_REQUEST', message: '`since` must be a journal entry id (a whole number ≥ 0)', details: [] });
  });

  it('an open stream does not keep close() waiting', async () => {
    const other = await createMockProvider();
    const held = await EventReader.open(`${other.admin}/events`);
    await held.next(is('ready'));
    await other.close();
    held.close();
  });
});

describe('GET /__authfault: the admin page for a browser, the JSON 404 for tools', () => {
  let idp: MockProviderHandle;
  const SEED = '</script><script>alert(1)</script>&"\'';

  beforeAll(async () => {
    idp = await createMockProvider({ seed: SEED });
  });
  afterAll(() => idp.close());

  it('serves one self-contained page, under a CSP whose nonce its own script and style carry', async () => {
    const res = await supertest(idp.admin).get('/').set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = res.headers['content-security-policy'] as string;
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(csp).toBe(
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(res.text).toContain(`<style nonce="${nonce}">`);
    expect(res.text).toContain(`<script nonce="${nonce}">`);
    expect(res.text).toContain('<strong>MOCK — NOT FOR PRODUCTION.</strong>');
    // Nothing is fetched from elsewhere: no src attributes, and the only hrefs are the empty icon and the debugger.
    expect(res.text).not.toMatch(/\ssrc=/);
    expect([...res.text.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1])).toEqual(['data:,', '/__authfault/debugger']);
    // A fresh nonce per response.
    const again = await supertest(idp.admin).get('/').set('accept', 'text/html').expect(200);
    expect(again.headers['content-security-policy']).not.toBe(csp);
  });

  it('escapes what it embeds: the seed in the text and in the JSON data cannot end an element', async () => {
    const { text } = await supertest(idp.admin).get('/').set('accept', 'text/html').expect(200);
    expect(text).toContain('<dd><code>&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#38;&#34;&#39;</code></dd>');
    expect(text.match(/<\/script>/g)).toHaveLength(2);
    const data = /<script type="application\/json" id="authfault-data">(.*?)<\/script>/s.exec(text)![1]!;
    expect(JSON.parse(data)).toMatchObject({ base: '/__authfault', issuer: idp.issuer, seed: SEED, schemas: { when: { type: 'object' }, user: { type: 'object' } } });
  });

  it('a caller asking for JSON (or anything) still gets the JSON 404 listing the routes', async () => {
    for (const accept of ['application/json', '*/*']) {
      const { body } = await supertest(idp.admin).get('/').set('accept', accept).expect(404).expect('content-type', /application\/json/);
      expect(body).toMatchObject({ error: 'AUTHFAULT_NOT_FOUND', message: 'no control route GET /__authfault/' });
      expect(body.details).toContain('GET / (the admin page, for a browser)');
    }
  });
});
