import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/index.js';
import { runCli, ROOT, type CliResult } from '../helpers/cli.js';

/** The scenario ids FLAWS.md says catch the naive app: the file is the contract. */
async function documentedFlaws(): Promise<string[]> {
  const text = await readFile(join(ROOT, 'examples/naive-app/FLAWS.md'), 'utf8');
  const rows = text.split('\n').filter((line) => /^\|\s*\d+\s*\|/.test(line));
  return rows.flatMap((row) => [...(row.split('|')[4] ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!)).sort();
}

describe('authfault run against examples/naive-app: discrimination', () => {
  let out: string;
  let result: CliResult;
  let report: RunReport;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'authfault-naive-'));
    result = await runCli(['run', '--config', 'examples/naive-app/authfault.config.yaml', '--output', out], { timeoutMs: 600_000 });
    report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
  }, 660_000);

  it('fails exactly the scenarios that match the documented flaws, and exits 1', async () => {
    const flaws = await documentedFlaws();
    expect(flaws).toEqual(expect.arrayContaining(['rate-limit-token', 'state-tampered', 'token-expired', 'tls-self-signed']));
    expect(flaws).toEqual(expect.arrayContaining(['api-burst-single-refresh', 'api-insufficient-scope-no-refresh', 'api-forbidden-no-refresh', 'api-rate-limit-orders']));
    expect(report.scenarios.map((s) => s.id)).toEqual(expect.arrayContaining(flaws));
    const failed = report.scenarios.filter((s) => s.verdict === 'fail').map((s) => s.id).sort();
    expect(failed).toEqual(flaws);
    expect(report.scenarios.filter((s) => !flaws.includes(s.id)).every((s) => s.verdict === 'pass')).toBe(true);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${report.scenarios.length - flaws.length} passed, ${flaws.length} failed$`, 'm'));
  });

  it('names the flaw in each diagnosis, with the journal as evidence', () => {
    const byId = Object.fromEntries(report.scenarios.map((s) => [s.id, s]));
    const tampered = byId['state-tampered']!.diagnosis!;
    expect(tampered.summary).toContain('the user was signed in');
    expect(tampered.observed.join('\n')).toMatch(/1 request\(s\) to the token endpoint: POST \/default\/token grant_type=authorization_code → 200/);
    expect(tampered.why).toContain('login CSRF');
    expect(tampered.fix).toContain('expectedState');

    const expired = byId['token-expired']!.diagnosis!;
    expect(expired.injected.join('\n')).toContain('id_token re-signed with exp 360s in the past');
    expect(expired.fix).toContain('Validate exp');

    const limited = byId['rate-limit-token']!.diagnosis!;
    const tls = byId['tls-self-signed']!.diagnosis!;
    expect(tls.observed.join('\n')).toContain('the app accepted the self-signed certificate: it sent requests over');
    expect(tls.fix).toContain('NODE_EXTRA_CA_CERTS');

    expect(limited.summary).toMatch(/Expected no retry to the token endpoint before Retry-After has passed, but 1 early retry: retried the token endpoint \d+ ms after a 429 that said Retry-After: 1/);

    const stampede = byId['api-burst-single-refresh']!.diagnosis!;
    expect(stampede.observed.join('\n')).toMatch(/a refresh stampede: 5 refresh_token grants started within \d+ ms \(answered 200(, \d+){4}\)/);
    expect(stampede.fix).toContain('one refresh in flight per session');
    const scope = byId['api-insufficient-scope-no-refresh']!.diagnosis!;
    expect(scope.observed.join('\n')).toContain('1 request(s) to the token endpoint with grant_type=refresh_token');
    expect(scope.observed.join('\n')).toMatch(/the app answered 401 at .*\/orders/);
    expect(scope.fix).toContain('403 insufficient_scope → no refresh');
    const apiLimited = byId['api-rate-limit-orders']!.diagnosis!;
    expect(apiLimited.summary).toMatch(/retried the protected API \d+ ms after a 429 that said Retry-After: 1/);
  });

  it('puts the diagnosis into the JUnit failure and keeps a screenshot of each failure', async () => {
    const xml = await readFile(join(out, 'junit.xml'), 'utf8');
    expect((xml.match(/<failure /g) ?? []).length).toBe(report.summary.fail);
    expect(xml).toMatch(/<testcase [^>]*name="state-tampered[^"]*"[^>]*file="scenarios\/oauth-flow\/state-tampered.yaml"[^>]*line="2"|<testcase [^>]*file="scenarios\/oauth-flow\/state-tampered.yaml"[^>]*line="2"/);
    for (const s of report.scenarios.filter((x) => x.verdict === 'fail')) {
      expect(s.evidence.screenshot).toMatch(/\.png$/);
      expect(s.evidence.trace).toMatch(/trace\.zip$/);
    }
  });
});
