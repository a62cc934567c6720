import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJunitReporter } from '../../reports/junit.js';
import type { RunReport } from '../../reports/model.js';
import { drive } from './drive.js';
import { fixtureReport } from './fixture.js';
import { childrenNamed, parseXml, type XmlNode } from './xml-parse.js';

/** The fixture's app log, where the fixture says it is under the run's working directory. */
const APP_LOG = 'authfault-report/logs/careful-app-worker-1.log';

/**
 * Writes junit.xml from a temporary working directory that holds the app log. `absoluteLog`
 * records the log the way the harness does, as an absolute path.
 */
async function writeJunit(
  report: RunReport,
  options: { log?: string; absoluteLog?: boolean } = {},
): Promise<{ xml: string; root: XmlNode }> {
  const cwd = await mkdtemp(join(tmpdir(), 'authfault-junit-'));
  await mkdir(join(cwd, 'authfault-report', 'logs'), { recursive: true });
  await writeFile(join(cwd, APP_LOG), options.log ?? 'listening on :4180\nfetching discovery…\n');
  if (options.absoluteLog) {
    for (const scenario of report.scenarios) if (scenario.evidence.appLog) scenario.evidence.appLog = join(cwd, APP_LOG);
  }
  const outputDir = join(cwd, 'out');
  await drive(createJunitReporter({ outputDir, cwd }), report);
  const xml = await readFile(join(outputDir, 'junit.xml'), 'utf8');
  return { xml, root: parseXml(xml) };
}

function testcase(root: XmlNode, id: string): XmlNode {
  const all = childrenNamed(root, 'testsuite').flatMap((suite) => childrenNamed(suite, 'testcase'));
  const found = all.find((node) => node.attributes.name!.startsWith(`${id}: `));
  if (!found) throw new Error(`no testcase ${id}`);
  return found;
}

function properties(node: XmlNode): [string, string][] {
  return childrenNamed(node, 'properties')
    .flatMap((list) => childrenNamed(list, 'property'))
    .map((p) => [p.attributes.name!, p.attributes.value!]);
}

describe('junit reporter', () => {
  it('writes one testsuite per category, in display order, with its counts', async () => {
    const { root } = await writeJunit(fixtureReport());

    expect(root.name).toBe('testsuites');
    expect(root.attributes).toEqual({
      name: 'authfault',
      tests: '6',
      failures: '1',
      errors: '1',
      skipped: '1',
      time: '34.000',
      timestamp: '2025-11-28T08:30:00.000Z',
    });
    const suites = childrenNamed(root, 'testsuite').map(({ attributes: a }) => [a.name, a.tests, a.failures, a.errors, a.skipped, a.time]);
    expect(suites).toEqual([
      ['tokens', '2', '0', '0', '0', '2.060'],
      ['oauth-flow', '1', '1', '0', '0', '2.140'],
      ['tls', '1', '0', '1', '0', '30.120'],
      ['rate-limits', '1', '0', '0', '0', '1.580'],
      ['permissions', '1', '0', '0', '1', '0.000'],
    ]);
    expect(properties(childrenNamed(root, 'testsuite')[0]!)).toEqual([
      ['authfault.seed', '20251128'],
      ['authfault.target', 'careful-app'],
      ['authfault.version', '0.1.0'],
    ]);
  });

  it('writes a failure with the whole diagnosis as its text', async () => {
    const { root } = await writeJunit(fixtureReport());
    const node = testcase(root, 'state-tampered');

    expect(node.attributes).toEqual({
      classname: 'authfault.oauth-flow',
      name: 'state-tampered: A callback whose state was tampered with is refused',
      file: 'scenarios/oauth-flow/state-tampered.yaml',
      line: '2',
      time: '2.140',
    });
    expect(properties(node)).toEqual([
      ['authfault.verdict', 'fail'],
      ['authfault.severity', 'must'],
      ['authfault.category', 'oauth-flow'],
      ['authfault.fault', 'state.tampered'],
    ]);
    const [failure] = childrenNamed(node, 'failure');
    expect(failure!.attributes).toEqual({
      message: 'The app signed alice in although the state in the callback was not the one it sent.',
      type: 'oauth-flow',
    });
    expect(failure!.text).toBe(
      [
        'state-tampered: A callback whose state was tampered with is refused',
        'scenarios/oauth-flow/state-tampered.yaml:2:1 (oauth-flow, severity must)',
        '',
        'The app signed alice in although the state in the callback was not the one it sent.',
        '',
        'Injected:',
        '  - state.tampered: the provider changed state on the redirect back to the app',
        'Observed:',
        '  - alice is signed in (the profile page shows "alice@example.com")',
        '  - POST /token was called once',
        'Expected:',
        '  - the app refuses the callback and shows an error',
        '  - no request to the token endpoint',
        "Why it matters: Without a state check an attacker can log a victim into the attacker's account (login CSRF).",
        "How to fix: Store state in the session before redirecting and compare it to the callback's state.",
        'References:',
        '  - RFC 6749 §10.12',
        '',
        'Provider journal:',
        '  #3 GET /auth → 303 (authorize, client demo-app, 9ms) [state.tampered: state replaced in the redirect]',
        '  #4 POST /token → 200 (token, client demo-app, authorization_code, 14ms)',
      ].join('\n'),
    );
    expect(childrenNamed(node, 'system-out')[0]!.text).toBe(
      '[[ATTACHMENT|test-results/state-tampered/screenshot.png]]\n[[ATTACHMENT|test-results/state-tampered/trace.zip]]',
    );
  });

  it('writes a harness error as <error>, without terminal colours, and the app log as system-err', async () => {
    const { root } = await writeJunit(fixtureReport());
    const node = testcase(root, 'expired-certificate');

    expect(node.children.map((child) => child.name)).toEqual(['properties', 'error', 'system-out', 'system-err']);
    const [error] = childrenNamed(node, 'error');
    expect(error!.attributes).toEqual({
      message: 'The target app did not answer within 30s, so the scenario could not be judged.',
      type: 'tls',
    });
    expect(error!.text).toContain(
      'Failed step "login: alice" at scenarios/tls/expired-certificate.yaml:9:5:\n' +
        '  TimeoutError: page.goto: Timeout 30000ms exceeded.\n' +
        '  Call log:\n' +
        '    - navigating to "http://127.0.0.1:4180/login"',
    );
    expect(childrenNamed(node, 'system-out')[0]!.text).toBe(
      `[[ATTACHMENT|test-results/expired-certificate/trace.zip]]\n[[ATTACHMENT|${APP_LOG}]]`,
    );
    expect(childrenNamed(node, 'system-err')[0]!.text).toBe('listening on :4180\nfetching discovery…\n');
  });

  it('attaches an absolute app log path relative to the working directory, and keeps only the end of a long log', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i}`);
    const { root } = await writeJunit(fixtureReport(), { log: `${lines.join('\n')}\n`, absoluteLog: true });
    const node = testcase(root, 'expired-certificate');
    const err = childrenNamed(node, 'system-err')[0]!.text;

    expect(childrenNamed(node, 'system-out')[0]!.text).toContain(`[[ATTACHMENT|${APP_LOG}]]`);
    expect(err).toMatch(/^… \(\d+ bytes before this left out; the whole log is attached\)\nline \d+\n/);
    expect(err.endsWith('line 1998\nline 1999\n')).toBe(true);
    expect(err.length).toBeLessThan(8 * 1024 + 100);
  });

  it('leaves system-err out when the app log cannot be read, but still names it', async () => {
    const report = fixtureReport();
    report.scenarios.find((s) => s.id === 'expired-certificate')!.evidence.appLog = '/nowhere/app.log';
    const { root } = await writeJunit(report);
    const node = testcase(root, 'expired-certificate');

    expect(node.children.map((child) => child.name)).toEqual(['properties', 'error', 'system-out']);
    expect(childrenNamed(node, 'system-out')[0]!.text).toContain('[[ATTACHMENT|/nowhere/app.log]]');
  });

  it('lets a warning pass, with the diagnosis in system-out', async () => {
    const { root } = await writeJunit(fixtureReport());
    const node = testcase(root, 'retry-after');

    expect(node.children.map((child) => child.name)).toEqual(['properties', 'system-out']);
    expect(properties(node)).toEqual([
      ['authfault.verdict', 'warn'],
      ['authfault.severity', 'should'],
      ['authfault.category', 'rate-limits'],
      ['authfault.fault', 'rate-limit'],
    ]);
    const out = childrenNamed(node, 'system-out')[0]!.text;
    expect(out.startsWith('Warning: passed, but a "should" rule was not met.\n\nretry-after: A 429 with Retry-After is waited out\n')).toBe(true);
    expect(out).toContain('\nWhy it matters: Retrying early keeps a rate-limited provider overloaded and can lock every user out.\n');
    expect(out.endsWith(
      '\nProvider journal:\n' +
        '  #7 POST /token → 429 (token, client demo-app, authorization_code, Retry-After 1s, 3ms) [rate-limit: 429 with Retry-After: 1]\n' +
        '  #8 POST /token → aborted (token, client demo-app, authorization_code, 40ms)\n\n' +
        '[[ATTACHMENT|test-results/retry-after/screenshot.png]]',
    )).toBe(true);
  });

  it('writes skipped with its reason, and a pass with properties only, one per fault kind', async () => {
    const { root } = await writeJunit(fixtureReport());

    const skipped = testcase(root, 'api-insufficient-scope');
    expect(skipped.children.map((child) => [child.name, child.attributes])).toEqual([
      ['properties', {}],
      ['skipped', { message: 'Skipped: the target config names no "profile" page.' }],
    ]);
    const pass = testcase(root, 'id-token-expired');
    expect(pass.children.map((child) => child.name)).toEqual(['properties']);
    expect(properties(pass)).toEqual([
      ['authfault.verdict', 'pass'],
      ['authfault.severity', 'must'],
      ['authfault.category', 'tokens'],
      ['authfault.fault', 'token.expired'],
      ['authfault.fault', 'clock.skew'],
    ]);
  });

  it('escapes markup characters and survives characters XML cannot carry', async () => {
    const report = fixtureReport();
    const scenario = report.scenarios[0]!;
    scenario.title = `<script>alert("x") & 'y'</script>`;
    scenario.diagnosis!.summary = 'bad\u0000byte\u0007bell\u001b[31mred\u001b[39m\tTab\nnewline\uFFFE\uD800 lone, 🔐 pair';
    scenario.diagnosis!.why = 'CR\r\nLF ]]> end';
    const { xml, root } = await writeJunit(report);

    expect(xml).toContain('name="state-tampered: &lt;script&gt;alert(&quot;x&quot;) &amp; &apos;y&apos;&lt;/script&gt;"');
    expect(xml).toContain('message="bad\\u0000byte\\u0007bellred&#9;Tab&#10;newline\\ufffe\\ud800 lone, 🔐 pair"');
    const node = testcase(root, 'state-tampered');
    expect(node.attributes.name).toBe(`state-tampered: <script>alert("x") & 'y'</script>`);
    const [failure] = childrenNamed(node, 'failure');
    expect(failure!.attributes.message).toBe('bad\\u0000byte\\u0007bellred\tTab\nnewline\\ufffe\\ud800 lone, 🔐 pair');
    expect(failure!.text).toContain('\nWhy it matters: CR\r\nLF ]]> end\n');
  });
});
