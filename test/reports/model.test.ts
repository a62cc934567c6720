import { describe, expect, it } from 'vitest';
import { CATEGORIES, VERDICTS, summarize } from '../../reports/model.js';
import { fixtureReport } from './fixture.js';

describe('report model', () => {
  it('counts scenarios by verdict, with every verdict present', () => {
    expect(summarize(fixtureReport().scenarios)).toEqual({ pass: 2, fail: 1, warn: 1, error: 1, skipped: 1, total: 6 });
    expect(summarize([])).toEqual({ pass: 0, fail: 0, warn: 0, error: 0, skipped: 0, total: 0 });
  });

  it('keeps verdicts and categories in display order', () => {
    expect(VERDICTS).toEqual(['pass', 'fail', 'warn', 'error', 'skipped']);
    expect(CATEGORIES).toEqual(['tokens', 'credentials', 'oauth-flow', 'tls', 'rate-limits', 'network', 'clock', 'permissions']);
  });
});
