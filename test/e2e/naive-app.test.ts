import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../mock-provider/index.js';
import type { RunReport } from '../../reports/index.js';
import { runCli, ROOT, type CliResult } from '../helpers/cli.js';

interface Flaw {
  n: number;
  /** The file (in examples/naive-app) named in the Where column. */
  file: string;
  scenarios: string[];
}

/** FLAWS.md's table — `| # | Flaw | Where | Caught by scenario | Fix |` — is the contract. */
function documentedFlaws(): Flaw[] {
  const text = readFileSync(join(ROOT, 'examples/naive-app/FLAWS.md'), 'utf8');
  const rows = text.split('\n').filter((line) => /^\|\s*\d+\s*\|/.test(line));
  return rows.map((row) => {
    const cells = row.split('|');
    return {
      n: Number(cells[1]),
      file: /`([a-z-]+\.ts)/.exec(cells[3] ?? '')?.[1] ?? '',
      scenarios: [...(cells[4] ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!),
    };
  });
}

describe('authfault run against examples/naive-app: discrimination', () => {
  const flaws = documentedFlaws();
  const caught = flaws.flatMap((f) => f.scenarios).sort();
  let out: string;
  let result: CliResult;
  let report: RunReport;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'authfault-naive-'));
    // The whole suite, two workers; every failure restarts its worker and keeps a trace: minutes.
    result = await runCli(['run', '--config', 'examples/naive-app/authfault.config.yaml', '--output', out, '--workers', '2'], { timeoutMs: 1_200_000 });
    report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
  }, 1_260_000);

  it('fails exactly the scenarios that match the documented flaws, and exits 1', () => {
    expect(caught).toEqual(expect.arrayContaining(['rate-limit-token', 'state-tampered', 'token-expired', 'tls-self-signed']));
    expect(new Set(caught).size).toBe(caught.length);
    expect(report.scenarios.map((s) => s.id)).toEqual(expect.arrayContaining(caught));
    const failed = report.scenarios.filter((s) => s.verdict === 'fail').map((s) => s.id).sort();
    expect(failed).toEqual(caught);
    expect(report.scenarios.filter((s) => !caught.includes(s.id)).filter((s) => s.verdict !== 'pass').map((s) => `${s.id}: ${s.verdict}`)).toEqual([]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${report.scenarios.length - caught.length} passed, ${caught.length} failed$`, 'm'));
  });

  it('has flaws in all eight categories, each marked in the code where FLAWS.md says', () => {
    const categories = new Set(report.scenarios.filter((s) => s.verdict === 'fail').map((s) => s.category));
    expect(categories).toEqual(new Set(CATEGORIES));
    expect(flaws.map((f) => f.n)).toEqual(flaws.map((_, i) => i + 1));
    for (const flaw of flaws) {
      expect(flaw.scenarios.length, `flaw #${flaw.n} names a scenario`).toBeGreaterThan(0);
      const code = readFileSync(join(ROOT, 'examples/naive-app', flaw.file), 'utf8');
      expect(code, `FLAW #${flaw.n} in ${flaw.file}`).toMatch(new RegExp(`FLAW #${flaw.n}\\b`));
    }
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
    expect(limited.summary).toMatch(/Expected no retry to the token endpoint before Retry-After has passed, but 1 early retry: retried the token endpoint \d+ ms after a 429 that said Retry-After: 1/);

    const tls = byId['tls-self-signed']!.diagnosis!;
    expect(tls.observed.join('\n')).toContain('the app accepted the self-signed certificate: it sent requests over');
    expect(tls.fix).toContain('NODE_EXTRA_CA_CERTS');

    // FLAW #8: the callback waited for the hung token endpoint for the app's 30 s.
    expect(byId['network-hang-token']!.diagnosis!.summary).toMatch(/^Expected the app answers every page load within 8000 ms, even while the provider hangs, but \/callback\?\S+ answered 400 after (2\d|3\d)\d{3} ms; meanwhile the token endpoint hung/);
    // FLAW #9: no iat, signed in anyway.
    expect(byId['token-missing-iat']!.diagnosis!.summary).toContain('the user was signed in');
    // FLAW #10: a second client authentication, with the secret in the body.
    expect(byId['client-invalid']!.diagnosis!.summary).toMatch(/^Expected at most 1 request\(s\) to the token endpoint, but 2 request\(s\) to the token endpoint/);
    // FLAW #11: a 403 from userinfo signed the user out.
    expect(byId['userinfo-insufficient-scope']!.diagnosis!.summary).toMatch(/^Expected the user is signed in, but not signed in/);
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
