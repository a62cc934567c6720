import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProviderHandle } from '../../mock-provider/index.js';
import { Journal, JOURNAL_LIMITS, JOURNAL_STRING_MAX } from '../../mock-provider/control/journal.js';
import { JournalBudget } from '../../mock-provider/control/journal-budget.js';

/** Start and end one entry, as the engine does for a request. */
function record(journal: Journal, path: string) {
  const entry = journal.start({ endpoint: 'other', method: 'GET', path });
  journal.end(entry, 404, performance.now());
  return entry;
}

const jsonSize = (journal: Journal) => journal.entries().reduce((sum, e) => sum + JSON.stringify(e).length, 0);

describe('the journal is a ring buffer bounded in bytes as well as entries', () => {
  it('keeps the latest entries that fit in its bytes, and counts their size as their JSON', () => {
    const journal = new Journal({ entries: 1000, bytes: 20_000 });
    for (let i = 0; i < 200; i++) record(journal, `/default/${String(i).padStart(4, '0')}/${'p'.repeat(900)}`);
    const kept = journal.entries();
    expect(jsonSize(journal)).toBe(journal.bytes);
    expect(journal.bytes).toBeLessThanOrEqual(20_000 * 1.1);
    expect(journal.bytes).toBeGreaterThan(20_000 * 0.8);
    // The newest, in order, without a gap.
    expect(kept.at(-1)!.id).toBe(200);
    expect(kept.map((e) => e.id)).toEqual(Array.from({ length: kept.length }, (_, i) => 201 - kept.length + i));
    expect(journal.lastId).toBe(200);
  });

  it('still keeps at most its number of entries', () => {
    const journal = new Journal({ entries: 50, bytes: 10_000_000 });
    for (let i = 0; i < 500; i++) record(journal, '/default/jwks');
    expect(journal.entries().length).toBeLessThanOrEqual(55);
    expect(journal.entries().at(-1)!.id).toBe(500);
    expect(jsonSize(journal)).toBe(journal.bytes);
  });

  it('an entry that ends after it was dropped or cleared counts no more', () => {
    const journal = new Journal({ entries: 1000, bytes: 5_000 });
    const open = journal.start({ endpoint: 'token', method: 'POST', path: '/default/token' });
    for (let i = 0; i < 40; i++) record(journal, `/default/${'q'.repeat(400)}`);
    journal.end(open, 200, performance.now());
    expect(journal.entries().some((e) => e.id === open.id)).toBe(false);
    expect(jsonSize(journal)).toBe(journal.bytes);
    const late = journal.start({ endpoint: 'token', method: 'POST', path: '/default/token' });
    journal.clear();
    journal.end(late, 200, performance.now());
    expect(journal.bytes).toBe(0);
  });

  it('cuts a long path to JOURNAL_STRING_MAX characters and says how long it was', () => {
    const journal = new Journal();
    const entry = record(journal, `/default/${'x'.repeat(14_000)}`);
    expect(entry.path).toBe(`/default/${'x'.repeat(JOURNAL_STRING_MAX - 9)}…[14009 characters]`);
  });
});

describe('the journals of one process are bounded in bytes together (the default issuer and its tenants)', () => {
  const perIssuer = { entries: 10_000, bytes: 1_000_000 };

  it('holds no more than the total, taken first from the largest journal, so a quiet issuer keeps its entries', () => {
    const budget = new JournalBudget(30_000);
    const [quiet, flooded, other] = [new Journal(perIssuer, budget), new Journal(perIssuer, budget), new Journal(perIssuer, budget)];
    for (let i = 0; i < 10; i++) record(quiet, `/default/jwks/${i}`);
    for (let i = 0; i < 5; i++) record(other, `/tenant-b/${'b'.repeat(500)}`);
    for (let i = 0; i < 300; i++) record(flooded, `/tenant-a/${i}/${'a'.repeat(900)}`);
    expect(budget.bytes).toBe(jsonSize(quiet) + jsonSize(flooded) + jsonSize(other));
    expect(budget.bytes).toBeLessThanOrEqual(30_000 * 1.1);
    expect(quiet.entries().map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(other.entries()).toHaveLength(5);
    // The flooded one keeps its newest, without a gap.
    const kept = flooded.entries().map((e) => e.id);
    expect(kept.at(-1)).toBe(300);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 301 - kept.length + i));
    expect(kept.length).toBeLessThan(30);
  });

  it('when every journal grows, each gives up its oldest, and each keeps its newest', () => {
    const budget = new JournalBudget(40_000);
    const journals = Array.from({ length: 5 }, () => new Journal(perIssuer, budget));
    for (let i = 0; i < 200; i++) for (const [n, j] of journals.entries()) record(j, `/tenant-${n}/${i}/${'c'.repeat(300 + 100 * n)}`);
    expect(budget.bytes).toBe(journals.reduce((sum, j) => sum + jsonSize(j), 0));
    expect(budget.bytes).toBeLessThanOrEqual(40_000 * 1.1);
    for (const j of journals) {
      expect(j.entries().at(-1)!.id).toBe(200);
      expect(j.bytes).toBeGreaterThan(40_000 / 5 / 2);
    }
  });

  it('counts a cleared journal as empty, and one whose issuer is gone (a removed tenant) not at all', () => {
    const budget = new JournalBudget(1_000_000);
    const [a, b] = [new Journal(perIssuer, budget), new Journal(perIssuer, budget)];
    for (let i = 0; i < 20; i++) (record(a, `/a/${i}`), record(b, `/b/${i}`));
    a.clear();
    expect(budget.bytes).toBe(jsonSize(b));
    record(a, '/a/again');
    b.close();
    expect(budget.bytes).toBe(jsonSize(a));
    record(b, '/b/after');
    expect(budget.bytes).toBe(jsonSize(a));
    expect(b.entries()).toHaveLength(21);
  });
});

describe('a provider that receives requests with long paths and parameters', () => {
  let idp: MockProviderHandle;
  beforeAll(async () => {
    idp = await createMockProvider();
  });
  afterAll(() => idp.close());

  function get(path: string): Promise<number> {
    const { hostname, port } = new URL(idp.origin);
    return new Promise((resolve, reject) => {
      request({ host: hostname, port, path }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      })
        .on('error', reject)
        .end();
    });
  }

  it('journals each with its path and parameters cut, and holds no more than its byte limit of them', async () => {
    // Node refuses a request line and headers over 16 KB itself (431), before the journal sees them.
    const long = 'a'.repeat(4_500);
    const since = idp.journal.lastId;
    await get(`/default/auth/${long}?client_id=${long}&scope=${long}&state=0`);
    const [first] = idp.journal.entries(since);
    expect(first).toMatchObject({ path: expect.stringMatching(/…\[4514 characters\]$/), clientId: expect.stringMatching(/…\[4500 characters\]$/) });
    expect(first!.params!.scope).toMatch(/…\[4500 characters\]$/);
    const size = JSON.stringify(first).length;
    // Enough such requests to pass the byte limit by a fifth, ten at a time.
    const count = Math.ceil((JOURNAL_LIMITS.bytes * 1.2) / size);
    for (let i = 0; i < count; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, j) => get(`/default/auth/${long}?client_id=${long}&scope=${long}&state=${i + j}`)));
    }
    const held = idp.journal.entries();
    const bytes = held.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
    expect(bytes).toBeLessThanOrEqual(JOURNAL_LIMITS.bytes * 1.1);
    expect(held.length).toBeLessThan(count);
    expect(held.at(-1)!.id).toBe(idp.journal.lastId);
  });
});
