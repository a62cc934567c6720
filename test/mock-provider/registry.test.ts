import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, kindNames, listKinds } from '../../mock-provider/common.js';
import { z } from 'zod';
import { parseFault, type FaultView } from '../../mock-provider/common.js';
import { indexKinds } from '../../mock-provider/faults/registry.js';
import { FaultStore } from '../../mock-provider/faults/store.js';
import type { FaultKind } from '../../mock-provider/faults/types.js';

const KINDS_DIR = resolve(import.meta.dirname, '../../mock-provider/faults/kinds');

describe('the fault registry', () => {
  it('has one folder per category, holding exactly the kinds of that category, and shared/ for helpers', async () => {
    const folders = readdirSync(KINDS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.sort()).toEqual([...CATEGORIES, 'shared'].sort());
    for (const category of CATEGORIES) {
      const mod = (await import(`${KINDS_DIR}/${category}/index.ts`)) as Record<string, readonly FaultKind[]>;
      const kinds = Object.values(mod).flat();
      expect({ category, misplaced: kinds.filter((k) => k.category !== category).map((k) => k.kind) }).toEqual({ category, misplaced: [] });
      expect(kinds.map((k) => k.kind)).toEqual(listKinds().filter((k) => k.category === category).map((k) => k.kind));
    }
  });

  it('lists the kinds by category, in the order of CATEGORIES', () => {
    const order = listKinds().map((k) => CATEGORIES.indexOf(k.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('refuses two kinds with one name instead of keeping the last', () => {
    const [first, second] = listKinds();
    expect(() => indexKinds([first!, second!, { ...second!, summary: 'another' }])).toThrow(`two fault kinds are named "${second!.kind}"`);
    expect(new Set(kindNames()).size).toBe(kindNames().length);
  });

  it('refuses a kind with a parameter named kind, when or params', () => {
    const [first] = listKinds();
    expect(() => indexKinds([{ ...first!, params: z.strictObject({ params: z.string() }) }])).toThrow(`fault kind "${first!.kind}" has a parameter named params`);
  });
});

describe('a fault is decoded once', () => {
  it('the store takes what parseFault gave as it is, and sets the same fault as the written form', async () => {
    const written = { kind: 'rate-limit', limit: 2, when: { endpoint: 'token', times: 1 } };
    const decoded = parseFault(written);
    expect(decoded.ok).toBe(true);
    const fromWritten = await new FaultStore('s').add(written);
    const fromDecoded = await new FaultStore('s').add(decoded.ok ? decoded.fault : []);
    const withoutTime = (views: FaultView[]) => views.map(({ createdAt: _createdAt, ...rest }) => rest);
    expect(withoutTime(fromDecoded)).toEqual(withoutTime(fromWritten));
    expect(fromDecoded[0]).toMatchObject({ kind: 'rate-limit', params: { limit: 2, window_s: 60 }, when: { endpoint: ['token'], times: 1 } });
  });

  it('a fault as GET /faults lists it can be set again; its problems point into params', async () => {
    const store = new FaultStore('s');
    const [view] = await store.add({ kind: 'token.expired', by_s: 30 });
    const { kind, params, when } = view!;
    await expect(new FaultStore('s').add({ kind, params, when })).resolves.toMatchObject([{ kind, params, when }]);
    await expect(store.add({ kind, params: { by_s: 0 }, when })).rejects.toMatchObject({ details: [{ code: 'FAULT_INVALID_PARAM', path: ['params', 'by_s'], message: 'must be at least 1, got 0' }] });
  });
});
