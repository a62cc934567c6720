import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../mock-provider/index.js';
import type { RunReport } from '../../reports/index.js';
import { runCli, ROOT, type CliResult } from '../helpers/cli.js';
import { normaliseReport } from './normalise-report.js';
import { caughtWith, documentedFlaws } from './flaws.js';

describe('authfault run against examples/naive-app: discrimination', () => {
  const flaws = documentedFlaws();
  const caught = caughtWith(flaws, 'fail');
  const warned = caughtWith(flaws, 'warn');
  let out: string;
  let result: CliResult;
  let report: RunReport;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'authfault-naive-'));
    // The whole suite, two workers; every failure restarts its worker and keeps a trace: minutes.
    result = await runCli(['run', '--config', 'examples/naive-app/authfault.config.yaml', '--output', out, '--workers', '2'], { timeoutMs: 1_200_000 });
    report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
  }, 1_260_000);

  // A refactoring must not change a verdict, a diagnosis or what the app was made to do. After an
  // intended change: npm run update-expected-reports (README, Development).
  it('writes the report it wrote before, but for what differs between any two runs', async () => {
    const normalised = normaliseReport(report, { outputDir: out, cwd: ROOT });
    await expect(`${JSON.stringify(normalised, null, 1)}\n`).toMatchFileSnapshot('expected-reports/naive-app.json');
  });

  it('fails exactly the scenarios of the MUST flaws, warns on exactly those of the SHOULD flaws, and exits 1', () => {
    expect(caught).toEqual(expect.arrayContaining(['state-tampered', 'token-expired', 'tls-self-signed']));
    expect(warned).toEqual(expect.arrayContaining(['rate-limit-token', 'api-rate-limit-orders']));
    expect(new Set([...caught, ...warned]).size).toBe(caught.length + warned.length);
    expect(report.scenarios.map((s) => s.id)).toEqual(expect.arrayContaining([...caught, ...warned]));
    const ids = (verdict: string) => report.scenarios.filter((s) => s.verdict === verdict).map((s) => s.id).sort();
    expect(ids('fail')).toEqual(caught);
    expect(ids('warn')).toEqual(warned);
    const flawed = new Set([...caught, ...warned]);
    expect(report.scenarios.filter((s) => !flawed.has(s.id)).filter((s) => s.verdict !== 'pass').map((s) => `${s.id}: ${s.verdict}`)).toEqual([]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${report.scenarios.length - caught.length - warned.length} passed, ${caught.length} failed, ${warned.length} warned, `, 'm'));
    expect(result.stdout).toContain(`${warned.length} warned`);
  });

  it('has flaws in all eight categories, each marked in the code where FLAWS.md says', () => {
    const categories = new Set(report.scenarios.filter((s) => s.verdict === 'fail' || s.verdict === 'warn').map((s) => s.category));
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
    expect(expired.injected.join('\n')).toContain('id_token re-signed with exp 3600s in the past');
    expect(expired.summary).toMatch(/ — a MUST of OIDC Core §3\.1\.3\.7 \(9\)\.$/);
    expect(expired.expected.join('\n')).toContain('OIDC Core §3.1.3.7 (9): “The current time MUST be before the time represented by the exp Claim.”');
    expect(expired.fix).toContain('Validate exp');

    const limited = byId['rate-limit-token']!.diagnosis!;
    expect(limited.summary).toMatch(/Expected no retry to the token endpoint before Retry-After has passed, but 1 early retry: retried the token endpoint \d+ ms after a 429 that said Retry-After: 1/);

    const tls = byId['tls-self-signed']!.diagnosis!;
    expect(tls.observed.join('\n')).toContain('the app accepted the self-signed certificate: it sent requests over');
    expect(tls.fix).toContain('NODE_EXTRA_CA_CERTS');

    // FLAW #8: the callback waits for the hung token endpoint for the app's 30 s, past the team's page budget of 10 s.
    expect(byId['network-hang-token']!.diagnosis!.summary).toMatch(
      /^Expected the app answers every page load within the page budget of 10 s, even while the provider hangs, but \/callback\?\S+ was still waiting after 1\d s — it had not given up \(the page budget of 10 s\); meanwhile the token endpoint hung/,
    );
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
