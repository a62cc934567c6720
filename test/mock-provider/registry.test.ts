import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, kindNames, listKinds } from '../../mock-provider/common.js';
import { indexKinds } from '../../mock-provider/faults/registry.js';
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
});
