import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedVerdicts } from '../../../harness/docs/example-verdicts.js';
import { loadScenarios } from '../../../harness/language/load.js';
import type { RunReport } from '../../../reports/index.js';
import { ROOT, runCli, type CliResult } from '../../helpers/cli.js';

const DRIVERS = ['browser', 'http'] as const;
export type Driver = (typeof DRIVERS)[number];

export interface TargetRuns {
  runs: Record<Driver, { result: CliResult; report: RunReport }>;
}

/**
 * The whole bundled suite against an example target, in the browser and over plain HTTP, held to
 * the verdict table in its README (harness/docs/example-verdicts.ts, which docs/verdicts.md counts
 * too): every scenario a row names gets that verdict, every other one passes, both drivers give
 * the same verdict on every scenario, and a `fail` is only ever a MUST the README quotes, on a
 * fault that applied. `more` adds the target's own checks on the same runs.
 */
export function describeExampleTarget(name: string, more?: (t: TargetRuns) => void): void {
  describe(`authfault run against examples/${name}, in both drivers (real CLI)`, () => {
    const expected = expectedVerdicts(ROOT, name);
    const ids = (verdict: string) => expected.filter((r) => r.verdict === verdict).flatMap((r) => r.scenarios).sort();
    const t = { runs: {} } as TargetRuns;
    const outputs: string[] = [];

    beforeAll(async () => {
      // One after the other: each run has two workers, which is what two cores take.
      for (const driver of DRIVERS) {
        const out = await mkdtemp(join(tmpdir(), `authfault-${name}-${driver}-`));
        outputs.push(out);
        const result = await runCli(['run', '--config', `examples/${name}/authfault.config.yaml`, '--workers', '2', '--driver', driver, '--trace', 'off', '--output', out], { timeoutMs: 900_000 });
        t.runs[driver] = { result, report: JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport };
      }
    }, 1_900_000);
    afterAll(async () => {
      await Promise.all(outputs.map((dir) => rm(dir, { recursive: true, force: true })));
    });

    it.each(DRIVERS)('runs the whole bundled suite (%s): nothing refuses to start, nothing is an error', async (driver) => {
      const { result, report } = t.runs[driver];
      const suite = await loadScenarios([join(ROOT, 'scenarios')], ROOT);
      expect(report.scenarios.map((s) => s.id).sort()).toEqual(suite.scenarios.map((s) => s.id).sort());
      expect(report.scenarios.filter((s) => s.verdict === 'error').map((s) => `${s.id}: ${s.diagnosis?.summary}`)).toEqual([]);
      expect(result.stderr).toBe('');
    });

    it.each(DRIVERS)('gives exactly the verdicts the README documents (%s), and passes every other scenario', (driver) => {
      const { result, report } = t.runs[driver];
      const actual = (verdict: string) => report.scenarios.filter((s) => s.verdict === verdict).map((s) => s.id).sort();
      expect(actual('fail')).toEqual(ids('fail'));
      expect(actual('warn')).toEqual(ids('warn'));
      expect(actual('skipped')).toEqual(ids('skipped'));
      expect(report.summary.pass).toBe(report.scenarios.length - ids('fail').length - ids('warn').length - ids('skipped').length);
      expect(result.code).toBe(ids('fail').length > 0 ? 1 : 0);
    });

    it('gives the same verdict in the browser and over HTTP, scenario by scenario', () => {
      const verdicts = (driver: Driver) => t.runs[driver].report.scenarios.map((s) => `${s.id}: ${s.verdict}`).sort();
      expect(verdicts('http')).toEqual(verdicts('browser'));
    });

    it('fails only on flaws of the library: a MUST the README cites, broken on a fault that applied', () => {
      for (const row of expected.filter((r) => r.verdict === 'fail')) {
        expect(row.classification, row.scenarios.join(', ')).toMatch(/^\*\*real flaw\*\*.*(§|RFC|OpenID)/);
      }
      for (const driver of DRIVERS) {
        for (const s of t.runs[driver].report.scenarios.filter((x) => x.verdict === 'fail')) {
          expect(s.broken, `${driver}: ${s.id}`).toBe('must');
          expect(s.diagnosis!.summary, `${driver}: ${s.id}`).toMatch(/ — a MUST of /);
        }
      }
    });

    more?.(t);
  });
}
