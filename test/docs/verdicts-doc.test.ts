import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { bundledSuiteDir } from '../../harness/config/defaults.js';
import { BCP14_MUST, renderVerdictReference, ruleRows } from '../../harness/docs/verdict-reference.js';
import { loadScenarios } from '../../harness/language/load.js';
import { ROOT } from '../helpers/cli.js';

const { scenarios, issues } = await loadScenarios([bundledSuiteDir()], ROOT);

describe('the bundled suite’s rules stand on the specs', () => {
  it('loads', () => {
    expect(issues).toEqual([]);
    expect(scenarios.length).toBeGreaterThan(80);
  });

  it('every `must` rule quotes the BCP 14 sentence it enforces (MUST, MUST NOT, REQUIRED or SHALL, in capitals)', () => {
    const musts = ruleRows(scenarios).filter((r) => r.severity === 'must');
    expect(musts.length).toBeGreaterThan(0);
    const unquoted = musts.filter((r) => r.quote === undefined || !BCP14_MUST.test(r.quote)).map((r) => `${r.scenario}: ${r.rule}`);
    expect(unquoted).toEqual([]);
  });

  it('docs/verdicts.md is the scenarios rendered now (run `npm run build && npm run docs` when this fails)', async () => {
    const committed = await readFile(new URL('../../docs/verdicts.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderVerdictReference(scenarios, ROOT));
  });
});
