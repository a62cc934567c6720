import { describe, expect, it } from 'vitest';
import { bundledSuiteDir } from '../../harness/config/defaults.js';
import { loadScenarios } from '../../harness/language/load.js';
import { grepScenarios } from '../../harness/scenario/select.js';

const { scenarios } = await loadScenarios([bundledSuiteDir()], process.cwd());
const ids = (pattern: RegExp) => {
  const found = grepScenarios(scenarios, pattern);
  return Array.isArray(found) ? found.map((s) => s.id) : found;
};

describe('--grep selects by scenario id or title', () => {
  it('anchors at the id: ^ and $ mean the id’s own start and end', () => {
    expect(ids(/^state-/)).toEqual(['state-missing', 'state-tampered']);
    expect(ids(/^state-tampered$/)).toEqual(['state-tampered']);
    expect(ids(/-tampered$/)).toEqual(['state-tampered']);
  });

  it('matches titles on their own too', () => {
    expect(ids(/^A callback whose state was tampered with/)).toEqual(['state-tampered']);
  });

  it('a pattern that matches nothing names the closest ids', () => {
    expect(scenarios.length).toBeGreaterThan(80);
    expect(ids(/^state-tamperd$/)).toEqual({
      message: `--grep "^state-tamperd$" matches no scenario id or title among the ${scenarios.length} to run; the closest ids: state-tampered`,
      closest: ['state-tampered'],
    });
    expect(ids(/hang-tokn/)).toMatchObject({ closest: ['network-hang-token', 'network-hang-jwks'] });
    expect(ids(/tokn-expird/)).toMatchObject({ closest: ['token-expired'] });
    expect(ids(/^qqqqqqqq$/)).toEqual({ message: `--grep "^qqqqqqqq$" matches no scenario id or title among the ${scenarios.length} to run; no id is close to it`, closest: [] });
  });
});
