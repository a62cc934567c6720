import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/index.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { bundledSuiteDir } from '../../harness/config/defaults.js';
import { loadScenarios } from '../../harness/language/load.js';
import { lines, useTempFiles } from '../harness/temp-files.js';

/**
 * Scenarios that cannot say anything about the app are `skipped`, with the reason, rather than
 * judged or refusing the run: one that visits a page the target config lacks, and one whose
 * faults never met a request of the app.
 */
describe('skipped, with the reason: pages the config lacks, faults that never applied (real CLI)', () => {
  const files = useTempFiles();
  const scenario = (id: string, ...rest: string[]) => lines(`id: ${id}`, `title: ${id}`, 'category: oauth-flow', 'severity: must', ...rest);

  it('validate warns about a page the config lacks and exits 0; a likely typo of a page it has is still an error (exit 2)', async () => {
    const eoc = await runCli(['validate', '--config', 'examples/eoc-app/authfault.config.yaml']);
    expect(eoc.code).toBe(0);
    const { scenarios } = await loadScenarios([bundledSuiteDir()], ROOT);
    expect(eoc.stdout).toBe(`examples/eoc-app/authfault.config.yaml: ok\n${scenarios.length} scenario(s): ok (8 will be skipped against this config: see the warnings)\n`);
    const warnings = eoc.stderr.trimEnd().split('\n');
    expect(warnings).toHaveLength(8);
    expect(warnings).toContain(
      'warning: scenarios/api/api-orders.yaml:15:12 steps.1.visit: needs page "orders": add it under pages: in the target config (the target config names "profile"); the scenario is skipped against this config',
    );

    const dir = await files({ 'typo.yaml': scenario('typo', 'steps:', '  - login: alice', '  - visit: profil', 'expect:', '  app: signed-in') });
    const typo = await runCli(['validate', '--config', join(ROOT, 'examples/eoc-app/authfault.config.yaml'), join(dir, 'typo.yaml')], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('typo.yaml:7:12 steps.1.visit: no page "profil" under pages: in the target config — did you mean "profile"? (allowed: profile)\n1 issue in 1 file\n');
  });

  it('run skips both kinds, names the reason in every report, and exits 0 when nothing else failed', async () => {
    const dir = await files({
      'suite/needs-invoices.yaml': scenario('needs-invoices', 'steps:', '  - login: alice', '  - visit: invoices', 'expect:', '  app: signed-in'),
      // careful-app never calls the introspection endpoint: the fault has nothing to act on.
      'suite/never-applied.yaml': scenario(
        'never-applied',
        'faults:',
        '  - kind: http.error',
        '    status: 500',
        '    when: { endpoint: introspection }',
        'steps:',
        '  - login: alice',
        'expect:',
        '  app: signed-in',
      ),
      'suite/plain.yaml': scenario('plain', 'steps:', '  - login: alice', 'expect:', '  app: signed-in'),
    });
    const out = join(dir, 'out');
    const config = join(ROOT, 'examples/careful-app/authfault.config.yaml');
    const result = await runCli(['run', '--config', config, '--driver', 'http', '--workers', '1', '--reporter', 'list,json,junit,html', '--output', out, join(dir, 'suite')], {
      cwd: dir,
      timeoutMs: 300_000,
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report.scenarios.map((s) => [s.id, s.verdict])).toEqual([
      ['needs-invoices', 'skipped'],
      ['never-applied', 'skipped'],
      ['plain', 'pass'],
    ]);

    const [page, unapplied] = report.scenarios.map((s) => s.diagnosis!);
    expect(page!.summary).toBe('Skipped: this scenario needs page "invoices": add it under pages: in the target config.');
    expect(page!.observed).toEqual(['suite/needs-invoices.yaml:7:5: needs page "invoices": add it under pages: in the target config']);

    const summary =
      "Skipped: the faults under test never applied (http.error at introspection). The app made no request the faults under test acted on: it never called the introspection endpoint during this scenario. The flow may have stopped before reaching it, or the app does not use it, or answered from what it kept from an earlier scenario.";
    expect(unapplied!.summary).toBe(summary);
    expect(unapplied!.observed[0]).toBe('no fault under test applied: the provider recorded no application of http.error in this scenario');
    // What the app did is listed, not judged: no guess at the verdict the checks would have given.
    expect(unapplied!.observed.at(-1)).toMatch(/^provider saw \d+ request\(s\): /);
    expect(unapplied!.observed.join('\n')).not.toMatch(/would have been|had the checks/);
    expect(report.scenarios[1]!.faults).toEqual([{ kind: 'http.error', params: { status: 500 }, when: { endpoint: ['introspection'] }, applied: 0 }]);

    // The console, JUnit and HTML say why, not only that.
    // [i/3] is the order scenarios ended in, which workers and the longest-first dispatch decide.
    expect(result.stdout).toMatch(/^- skipped \[\d\/3\] never-applied {2}never-applied/m);
    expect(result.stdout).toContain(`\n    ${summary}\n`);
    expect(result.stdout).toContain('\n    Skipped: this scenario needs page "invoices": add it under pages: in the target config.\n');
    expect(result.stdout).toMatch(/^1 passed, 0 failed, 0 warned, 0 errors, 2 skipped$/m);
    const junit = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(junit).toContain(`<skipped message="Skipped: the faults under test never applied (http.error at introspection).`);
    expect(junit).toContain('<skipped message="Skipped: this scenario needs page &quot;invoices&quot;: add it under pages: in the target config."');
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('Skipped: the faults under test never applied (http.error at introspection).');
  }, 320_000);
  it('an app that answers nothing gets error, not skipped: its faults never applied because nothing ran', async () => {
    // Ready at /health, then every other request dropped: an app that is down behind a live port.
    const app: Server = createServer((req, res) => (req.url === '/health' ? res.end('ok') : req.socket.destroy()));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    // With target.url the provider's port is fixed (the app was configured with its issuer): a free one.
    const spare = createServer();
    const providerPort = await new Promise<number>((resolve) => spare.listen(0, '127.0.0.1', () => resolve((spare.address() as AddressInfo).port)));
    await new Promise((resolve) => spare.close(resolve));
    try {
      const dir = await files({
        'authfault.config.yaml': lines('name: down-app', 'target:', `  url: ${url}`, '  ready: "{app}/health"', 'login:', '  url: "{app}/login"', 'signed-in:', '  text: Signed in as', 'provider:', `  port: ${providerPort}`),
        'suite/expired.yaml': scenario('expired', 'faults:', '  - kind: token.expired', 'steps:', '  - login: alice', 'expect:', '  app: refused'),
      });
      const out = join(dir, 'out');
      const result = await runCli(['run', '--config', join(dir, 'authfault.config.yaml'), '--driver', 'http', '--workers', '1', '--reporter', 'list,json', '--output', out, join(dir, 'suite')], { cwd: dir, timeoutMs: 120_000 });
      const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
      expect(report.scenarios.map((s) => [s.id, s.verdict])).toEqual([['expired', 'error']]);
      expect(report.scenarios[0]!.diagnosis!.summary).toMatch(/^The scenario could not be judged: the app answered nothing: .*\/login failed \(.+\) — it was not running, or not yet listening/);
      expect(result.code).not.toBe(0);
    } finally {
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    }
  }, 150_000);
});

