import { relative } from 'node:path';
import { createReporters, runReport } from '../../../reports/index.js';
import type { RunManifest } from '../../runner/manifest.js';
import type { RunStop } from '../../runner/run-stop.js';
import { recordUnjudged, scenarioMeta } from '../../verdict/outcome.js';

/** A run that crashed, or was stopped before its reporter finished, still writes its reports: every scenario as an `error`, with the reason. */
export async function writeCrashReport(manifest: RunManifest, reason: string, stop?: RunStop): Promise<void> {
  const advice = {
    why: 'A run that crashed says nothing about the app; this is not charged to the app.',
    fix: 'Read the output above; run again with DEBUG=authfault for details.',
  };
  const scenarios = stop ? [] : manifest.scenarios.map((s) => recordUnjudged(scenarioMeta(s), reason, advice, { durationMs: 0, retries: 0 }));
  const report = runReport(
    {
      seed: manifest.seed,
      startedAt: manifest.startedAt,
      durationMs: Date.now() - Date.parse(manifest.startedAt),
      target: { name: manifest.targetName, config: relative(manifest.cwd, manifest.configFile) },
      authfaultVersion: manifest.authfaultVersion,
      ...(stop ? { interrupted: { reason: stop.reason, notRun: manifest.scenarios.map((s) => s.id) } } : {}),
    },
    scenarios,
  );
  const fileReporters = manifest.reporters.filter((r) => r === 'json' || r === 'junit' || r === 'html');
  await createReporters(fileReporters, { outputDir: manifest.outputDir, cwd: manifest.cwd }).onEnd?.(report);
  process.stderr.write(`authfault: ${reason}\n`);
}
