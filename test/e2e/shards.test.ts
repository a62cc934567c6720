import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry, RunReport, ScenarioReport } from '../../reports/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';

/**
 * The careful app on six bundled scenarios from five categories (the whole suite, at a hundred
 * scenarios, takes minutes per run here), run once unsharded and once as two shards, all with one
 * seed; the shards merged with `authfault merge-reports`. The merged JSON, JUnit and HTML must be the unsharded
 * run's, apart from what no two runs share:
 * - times, durations and the paths of artefacts and logs;
 * - ports, and what each provider numbers or makes at random (journal and fault ids,
 *   interaction ids, state) rather than from the seed;
 * - what the app does once per process and then reuses: discovery and JWKS (cached) and TLS
 *   connections (kept alive). The first scenario of each worker does it, so it moves with
 *   whichever scenario a shard happens to start with. Refused TLS handshakes stay compared.
 */
const SEED = '5eed0001';
const CONFIG = 'examples/careful-app/authfault.config.yaml';
const SCENARIOS = [
  'scenarios/controls/happy-path.yaml',
  'scenarios/oauth-flow/state-tampered.yaml',
  'scenarios/rate-limits/rate-limit-token.yaml',
  'scenarios/tls/tls-expired.yaml',
  'scenarios/tokens/token-bad-signature.yaml',
  'scenarios/tokens/token-expired.yaml',
];
const PER_PROCESS = /^TLS |\/\.well-known\/openid-configuration|\/jwks\b/;

function run(output: string, ...extra: string[]): Promise<CliResult> {
  return runCli(['run', ...SCENARIOS, '--config', CONFIG, '--seed', SEED, '--workers', '1', '--reporter', 'dot,json,junit,html', '--output', output, ...extra], {
    timeoutMs: 240_000,
  });
}

/** Ports, the provider's random ids and the fingerprints of the codes and tokens it issues differ between any two runs. */
function scrub(text: string): string {
  return text
    .replace(/127\.0\.0\.1(:|%3A)\d+/g, '127.0.0.1:PORT')
    .replace(/"(code|refresh_token)":"[0-9a-f]{12}"/g, '"$1":"FINGERPRINT"')
    .replace(/[A-Za-z0-9_-]{32,}/g, 'RANDOM')
    .replace(/\b\d+ ms\b/g, 'N ms');
}

/** `provider saw 8 request(s): A · B · …` without what the app does once per process. */
function withoutPerProcess(line: string): string {
  const m = /^(.*?provider saw )\d+( request\(s\): )(.*)$/s.exec(line);
  if (!m) return line;
  const kept = m[3]!.split(' · ').filter((request) => !PER_PROCESS.test(request));
  return `${m[1]}${kept.length}${m[2]}${kept.join(' · ')}`;
}

function comparableJournal(journal: readonly JournalEntry[]): unknown[] {
  return journal
    .filter((e) => e.endpoint !== 'discovery' && e.endpoint !== 'jwks' && e.tls?.handshake !== 'completed')
    .map(({ id: _id, time: _time, durationMs: _d, faults, ...rest }) => ({ ...rest, faults: faults.map(({ id: _f, ...fault }) => fault) }));
}

function comparableScenario(s: ScenarioReport): unknown {
  const { durationMs: _d, evidence, steps, diagnosis, ...rest } = s;
  return {
    ...rest,
    steps: steps.map(({ durationMs: _s, ...step }) => step),
    diagnosis: diagnosis && { ...diagnosis, observed: diagnosis.observed.map(withoutPerProcess) },
    journal: comparableJournal(evidence.journal ?? []),
  };
}

function comparableReport(report: RunReport): unknown {
  const { startedAt: _s, durationMs: _d, ...run } = report.run;
  return JSON.parse(scrub(JSON.stringify({ ...report, run, scenarios: report.scenarios.map(comparableScenario) })));
}

function comparableJunit(xml: string): string {
  return scrub(xml.replace(/ (time|timestamp)="[^"]*"/g, ''));
}

/**
 * The page without times, artefact paths and the request flow (which holds the cached requests);
 * flows are compared by how many there are, and which scenarios have one.
 */
function comparableHtml(page: string): { page: string; flows: string[] } {
  const flows = [...page.matchAll(/aria-label="Request flow of ([^:"]+):/g)].map((m) => m[1]!);
  const text = page
    .replace(/<div class="flow">[\s\S]*?<\/svg><\/div>/g, '<div class="flow">FLOW</div>')
    .replace(/<details class="journal">[\s\S]*?<\/details>/g, 'JOURNAL')
    .replace(/<p>App log[^\n]*<\/p>/g, 'APP LOG')
    .replace(/provider saw [^<]*/g, (line) => withoutPerProcess(line))
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/g, 'DATE')
    .replace(/\b(\d+m )?\d+(\.\d+)?(ms|s)\b/g, 'TIME');
  return { page: scrub(text), flows };
}

describe('sharded runs merged with merge-reports equal one unsharded run', () => {
  let dir: string;
  let whole: CliResult;
  let shards: CliResult[];
  let merge: CliResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authfault-shards-'));
    whole = await run(join(dir, 'whole'));
    shards = await Promise.all([run(join(dir, 'shard-1'), '--shard', '1/2'), run(join(dir, 'shard-2'), '--shard', '2/2')]);
    merge = await runCli(['merge-reports', join(dir, 'shard-1'), join(dir, 'shard-2'), '--output', join(dir, 'merged')]);
  }, 300_000);

  const read = (name: string, file: string) => readFile(join(dir, name, file), 'utf8');

  it('runs each shard on part of the suite, and merges them into the whole, exiting as the run did', async () => {
    expect(whole.code).toBe(0);
    expect(shards.map((s) => s.code)).toEqual([0, 0]);
    const total = (JSON.parse(await read('whole', 'report.json')) as RunReport).summary.total;
    const counts = await Promise.all(['shard-1', 'shard-2'].map(async (s) => (JSON.parse(await read(s, 'report.json')) as RunReport).summary.total));
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(counts[0]! + counts[1]!).toBe(total);
    expect(total).toBe(SCENARIOS.length);

    expect(merge.stderr).toBe('');
    expect(merge.code).toBe(0);
    expect(merge.stdout).toMatch(new RegExp(`✓ pass +\\[${total}/${total}\\] token-expired`));
    expect(merge.stdout).toContain(`\n${total} passed, 0 failed, `);
  });

  it('writes the same report.json, ignoring times, artefact paths and per-process cached requests', async () => {
    const merged = JSON.parse(await read('merged', 'report.json')) as RunReport;
    const unsharded = JSON.parse(await read('whole', 'report.json')) as RunReport;

    expect(merged.run.shard).toBeUndefined();
    expect(merged.run.seed).toBe(SEED);
    expect(merged.scenarios.map((s) => s.id)).toEqual(unsharded.scenarios.map((s) => s.id));
    expect(comparableReport(merged)).toEqual(comparableReport(unsharded));
  });

  it('writes the same junit.xml, ignoring times', async () => {
    expect(comparableJunit(await read('merged', 'junit.xml'))).toBe(comparableJunit(await read('whole', 'junit.xml')));
  });

  it('writes the same index.html, ignoring times, artefact paths and the cached requests in the flows', async () => {
    const merged = comparableHtml(await read('merged', 'index.html'));
    const unsharded = comparableHtml(await read('whole', 'index.html'));

    const ids = (JSON.parse(await read('whole', 'report.json')) as RunReport).scenarios.map((s) => s.id);
    expect(merged.flows).toEqual(ids);
    expect(unsharded.flows).toEqual(ids);
    expect(merged.page).toBe(unsharded.page);
  });

  it('refuses shards of different runs, a missing folder, and an output that is one of the inputs (exit 2)', async () => {
    const other = join(dir, 'other-run');
    await cp(join(dir, 'shard-2'), other, { recursive: true });
    const report = JSON.parse(await readFile(join(other, 'report.json'), 'utf8')) as RunReport;
    await writeFile(join(other, 'report.json'), JSON.stringify({ ...report, run: { ...report.run, seed: 'ffffffff' } }));

    const mismatch = await runCli(['merge-reports', join(dir, 'shard-1'), other, '--output', join(dir, 'never')]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain(`seed "${SEED}" (shard 1/2) and seed "ffffffff" (shard 2/2)`);
    expect(mismatch.stderr).toContain('[AUTHFAULT_MERGE_SEED_MISMATCH]');

    const missing = await runCli(['merge-reports', join(dir, 'shard-1'), join(dir, 'shard-9')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/shard-9 does not exist; give the output folder of each shard's run \[AUTHFAULT_REPORT_NOT_FOUND\]/);

    const clash = await runCli(['merge-reports', join(dir, 'shard-1'), join(dir, 'shard-2'), '--output', join(dir, 'shard-2')]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('is one of the folders being merged');
  });
});
