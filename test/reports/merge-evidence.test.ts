import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherEvidence } from '../../reports/merge-evidence.js';
import { fixtureShards } from './fixture.js';

async function put(file: string, content: string): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, content);
}

describe('gatherEvidence', () => {
  it('finds a shard’s screenshots and traces where its folder was downloaded, and copies them into the merged folder', async () => {
    // CI ran the shard in /home/runner/work/app/app with --output authfault-report, then
    // downloaded that folder to all-reports/shard-1 on the merge job's machine.
    const cwd = await mkdtemp(join(tmpdir(), 'authfault-gather-'));
    const shardDir = join(cwd, 'all-reports', 'shard-1');
    await put(join(shardDir, 'artifacts', 'state-tampered', 'test-failed-1.png'), 'png');
    await put(join(shardDir, 'artifacts', 'state-tampered', 'trace.zip'), 'zip');
    await put(join(shardDir, 'logs', 'app-worker-0.log'), 'log');
    const [shard] = fixtureShards();
    const scenario = shard.scenarios.find((s) => s.id === 'state-tampered')!;
    scenario.evidence = {
      ...scenario.evidence,
      screenshot: 'authfault-report/artifacts/state-tampered/test-failed-1.png',
      trace: 'authfault-report/artifacts/state-tampered/trace.zip',
      appLog: '/home/runner/work/app/app/authfault-report/logs/app-worker-0.log',
    };
    const outputDir = join(cwd, 'merged');

    const gathered = await gatherEvidence(shard, shardDir, { cwd, outputDir });
    const evidence = gathered.scenarios.find((s) => s.id === 'state-tampered')!.evidence;

    expect(evidence.screenshot).toBe('merged/artifacts/state-tampered/test-failed-1.png');
    expect(evidence.trace).toBe('merged/artifacts/state-tampered/trace.zip');
    expect(evidence.appLog).toBe('all-reports/shard-1/logs/app-worker-0.log');
    expect(evidence.journal).toEqual(scenario.evidence.journal);
    expect(await readFile(join(outputDir, 'artifacts', 'state-tampered', 'trace.zip'), 'utf8')).toBe('zip');
    expect(await readFile(join(outputDir, 'artifacts', 'state-tampered', 'test-failed-1.png'), 'utf8')).toBe('png');
  });

  it('keeps a path it cannot find, and never takes a bare file name at the top of the shard for a match', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'authfault-gather-'));
    const shardDir = join(cwd, 'shard');
    await put(join(shardDir, 'trace.zip'), 'unrelated');
    const [shard] = fixtureShards();
    const scenario = shard.scenarios.find((s) => s.id === 'state-tampered')!;
    scenario.evidence.trace = 'elsewhere/run-9/trace.zip';

    const gathered = await gatherEvidence(shard, shardDir, { cwd, outputDir: join(cwd, 'merged') });
    const evidence = gathered.scenarios.find((s) => s.id === 'state-tampered')!.evidence;

    expect(evidence.trace).toBe('elsewhere/run-9/trace.zip');
    expect(evidence.screenshot).toBe('test-results/state-tampered/screenshot.png');
  });

  it('leaves files in place when the merged folder is where they already are', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'authfault-gather-'));
    const shardDir = join(cwd, 'out');
    await put(join(shardDir, 'artifacts', 'x', 'trace.zip'), 'zip');
    const [shard] = fixtureShards();
    shard.scenarios[1]!.evidence.trace = 'out/artifacts/x/trace.zip';

    const gathered = await gatherEvidence(shard, shardDir, { cwd, outputDir: shardDir });
    expect(gathered.scenarios[1]!.evidence.trace).toBe('out/artifacts/x/trace.zip');
  });
});
