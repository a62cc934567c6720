import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../reports/merge.js';
import type { RunReport } from '../../reports/model.js';
import { fixtureReport, fixtureShards } from './fixture.js';

/** A report with every time field zeroed, to compare what was run and judged. */
function withoutTimes(report: RunReport): RunReport {
  return {
    ...report,
    run: { ...report.run, startedAt: '', durationMs: 0 },
    scenarios: report.scenarios.map((scenario) => ({ ...scenario, durationMs: 0 })),
  };
}

describe('mergeReports', () => {
  it('merges shards into the unsharded report, ignoring times', () => {
    const merged = mergeReports(fixtureShards());

    expect(withoutTimes(merged)).toEqual(withoutTimes(fixtureReport()));
    expect(merged.run.shard).toBeUndefined();
    expect(merged.summary).toEqual({ pass: 2, fail: 1, warn: 1, error: 1, skipped: 1, total: 6 });
    expect(merged.scenarios.map((s) => s.id)).toEqual([
      'state-tampered',
      'api-insufficient-scope',
      'retry-after',
      'expired-certificate',
      'aud-array',
      'id-token-expired',
    ]);
  });

  it('spans the run from the earliest start to the latest end', () => {
    const [first, second] = fixtureShards();
    first.run.startedAt = '2025-11-28T08:30:02.000Z';
    first.run.durationMs = 40_000;
    second.run.startedAt = '2025-11-28T08:30:00.500Z';
    second.run.durationMs = 10_000;
    const merged = mergeReports([first, second]);

    expect(merged.run.startedAt).toBe('2025-11-28T08:30:00.500Z');
    expect(merged.run.durationMs).toBe(41_500);
  });

  it('orders scenarios by file, then line, then column', () => {
    const [first, second] = fixtureShards();
    const base = first.scenarios[0]!;
    first.scenarios = [{ ...base, id: 'b', file: 'x.yaml', line: 10 }, { ...base, id: 'c', file: 'x.yaml', line: 2, column: 3 }];
    second.scenarios = [{ ...base, id: 'a', file: 'x.yaml', line: 2, column: 1 }, { ...base, id: 'z', file: 'W.yaml', line: 40 }];

    expect(mergeReports([first, second]).scenarios.map((s) => s.id)).toEqual(['z', 'a', 'c', 'b']);
  });

  it('refuses reports of runs with different seeds', () => {
    const [first, second] = fixtureShards();
    second.run.seed = '777';

    expect(() => mergeReports([first, second])).toThrow(
      expect.objectContaining({
        code: 'AUTHFAULT_MERGE_SEED_MISMATCH',
        message:
          'Cannot merge reports of different runs: seed "20251128" (shard 1/2) and seed "777" (shard 2/2). ' +
          'The shards of one run share its seed; merge only the reports of one run, or run every shard with the same --seed.',
      }),
    );
  });

  it('refuses a scenario that is in two reports', () => {
    const [first] = fixtureShards();

    expect(() => mergeReports([first, mergeReports(fixtureShards())])).toThrow(
      expect.objectContaining({
        code: 'AUTHFAULT_MERGE_DUPLICATE_SCENARIO',
        message:
          'Scenario "state-tampered" (scenarios/oauth-flow/state-tampered.yaml:2) is in more than one report. ' +
          'Merge each shard once, and leave earlier merged reports out.',
      }),
    );
  });

  it('refuses to merge nothing', () => {
    expect(() => mergeReports([])).toThrow(expect.objectContaining({ code: 'AUTHFAULT_MERGE_EMPTY' }));
  });
});
