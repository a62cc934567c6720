import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderFaultReference } from '../../harness/docs/fault-reference.js';
import { kindNames } from '../../mock-provider/index.js';

describe('docs/faults.md', () => {
  it('is the registry rendered now (run `npm run build && npm run docs` when this fails)', async () => {
    const committed = await readFile(new URL('../../docs/faults.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderFaultReference());
  });

  it('has a section, a parameter table or "No parameters", and an example for every kind', () => {
    const doc = renderFaultReference();
    for (const kind of kindNames()) {
      expect(doc).toContain(`### \`${kind}\``);
      expect(doc).toContain(`- kind: ${kind}`);
    }
    expect(doc).toContain('| `by_s` | integer ≥ 1 | `360` |');
  });
});
