import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Evidence, RunReport } from './model.js';

/**
 * Makes a shard's evidence paths true again where the shard's folder now lies. A shard records
 * paths relative to the working directory of the machine it ran on; CI downloads its folder
 * somewhere else (`all-reports/shard-2/`). For each screenshot and trace:
 * - find it under the shard's folder: the longest tail of the recorded path that exists there
 *   (`../../tmp/run/artifacts/x/trace.zip` → `artifacts/x/trace.zip`);
 * - copy it to the same tail under the merged output folder, so the merged folder holds every
 *   shard's artefacts in the layout of one unsharded run and can be uploaded on its own;
 * - the app log is only re-pointed, not copied: each shard has a `…-worker-0.log` of its own.
 * A file found nowhere keeps its recorded path; the reports then say it was not found.
 * Returns a new report; paths in it are relative to `cwd`, like a run's.
 */
export async function gatherEvidence(report: RunReport, shardDir: string, options: { cwd: string; outputDir: string }): Promise<RunReport> {
  const scenarios = await Promise.all(
    report.scenarios.map(async (scenario) => {
      const evidence: Evidence = { ...scenario.evidence };
      for (const key of ['screenshot', 'trace'] as const) {
        const recorded = evidence[key];
        const found = recorded && (await locate(recorded, shardDir));
        if (!recorded || !found) continue;
        const target = join(options.outputDir, found.tail);
        if (resolve(found.file) !== resolve(target)) {
          await mkdir(dirname(target), { recursive: true });
          await copyFile(found.file, target);
        }
        evidence[key] = toCwd(target, options.cwd);
      }
      const log = evidence.appLog && (await locate(evidence.appLog, shardDir));
      if (log) evidence.appLog = toCwd(log.file, options.cwd);
      return { ...scenario, evidence };
    }),
  );
  return { ...report, scenarios };
}

async function locate(recorded: string, shardDir: string): Promise<{ file: string; tail: string } | undefined> {
  const segments = recorded.split(/[\\/]+/).filter((s) => s !== '' && s !== '.' && s !== '..');
  // A bare file name found at the top of the shard folder would be a guess, not a match.
  const shortest = segments.length > 1 ? 2 : 1;
  for (let i = 0; i <= segments.length - shortest; i++) {
    const tail = segments.slice(i).join('/');
    const file = join(shardDir, ...segments.slice(i));
    if (await isFile(file)) return { file, tail };
  }
  return undefined;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

function toCwd(file: string, cwd: string): string {
  const path = relative(cwd, file).split(sep).join('/');
  return path === '' ? '.' : path;
}
