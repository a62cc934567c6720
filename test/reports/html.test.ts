import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHtmlReporter } from '../../reports/html/reporter.js';
import type { RunReport } from '../../reports/model.js';
import { drive } from './drive.js';
import { fixtureReport } from './fixture.js';

/** Bytes standing in for the fixture's screenshot; the reporter embeds whatever the file holds. */
const SCREENSHOT = Buffer.from('\x89PNG\r\n\x1a\n fake image bytes', 'latin1');

/** Writes index.html from a working directory that holds the state-tampered screenshot. */
async function writeHtml(report: RunReport): Promise<{ page: string; outputDir: string }> {
  const cwd = await mkdtemp(join(tmpdir(), 'authfault-html-'));
  await mkdir(join(cwd, 'test-results', 'state-tampered'), { recursive: true });
  await writeFile(join(cwd, 'test-results', 'state-tampered', 'screenshot.png'), SCREENSHOT);
  await writeFile(join(cwd, 'test-results', 'state-tampered', 'trace.zip'), 'zip');
  const outputDir = join(cwd, 'authfault-report');
  await drive(createHtmlReporter({ outputDir, cwd }), report);
  return { page: await readFile(join(outputDir, 'index.html'), 'utf8'), outputDir };
}

function section(page: string, index: number): string {
  const start = page.indexOf(`<details class="scenario`, page.indexOf(`id="s-${index}"`) - 80);
  return page.slice(start, page.indexOf('</details>\n', page.indexOf('<div class="body">', start)) + 10);
}

describe('html reporter', () => {
  it('writes one self-contained index.html: nothing loaded from anywhere, a CSP that allows only its own style and script', async () => {
    const { page, outputDir } = await writeHtml(fixtureReport());

    expect(await readdir(outputDir)).toEqual(['index.html']);
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    // Every src is an embedded image and every href a relative path; the SVG namespace is a name.
    const urls = [...page.matchAll(/\b(src|href|xmlns)="([^"]*)"/g)].map((m) => [m[1], m[2]!]);
    expect(urls.filter(([attribute, url]) => !(attribute === 'src' ? url.startsWith('data:image/png;base64,') : attribute === 'href' ? !/^[a-z][a-z0-9+.-]*:/i.test(url) : url === 'http://www.w3.org/2000/svg'))).toEqual([]);
    expect(urls.map(([attribute]) => attribute)).toContain('src');
    expect(page).not.toMatch(/<link\b|<script\b[^>]*\bsrc=|@import|url\(|<iframe|style="/);

    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    const hash = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'");
    expect(csp).toBe(
      `default-src 'none'; style-src '${hash(style)}'; script-src '${hash(script)}'; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(page.match(/<script>/g)).toHaveLength(1);
  });

  it('summarises the run: verdict counts and the eight categories × verdicts, cells linked to filters', async () => {
    const { page } = await writeHtml(fixtureReport());

    const counts = [...page.matchAll(/<div class="count v-(\w+)[^"]*"><b>(\d+)<\/b>/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(counts).toEqual(['pass=2', 'fail=1', 'warn=1', 'error=1', 'skipped=1']);
    const rows = [...page.matchAll(/<tr(?: class="empty")?><th scope="row">([\w-]+)<\/th>(.*?)<\/tr>/g)].map(
      (m) => `${m[1]}: ${[...m[2]!.matchAll(/>(\d+)<\//g)].map((n) => n[1]).join(' ')}`,
    );
    expect(rows).toEqual([
      'tokens: 2 0 0 0 0 2',
      'credentials: 0 0 0 0 0 0',
      'oauth-flow: 0 1 0 0 0 1',
      'tls: 0 0 0 1 0 1',
      'rate-limits: 0 0 1 0 0 1',
      'network: 0 0 0 0 0 0',
      'clock: 0 0 0 0 0 0',
      'permissions: 0 0 0 0 1 1',
    ]);
    expect(page).toContain('<button type="button" data-category="oauth-flow" data-verdict="fail" title="Show oauth-flow scenarios that failed">1</button>');
    expect(page).toContain('<title>authfault: careful-app: 2 passed, 1 failed</title>');
  });

  it('lists every scenario in report order, with what the filters match on', async () => {
    const { page } = await writeHtml(fixtureReport());
    const listed = [...page.matchAll(/<details class="scenario v-(\w+)" id="(s-\d+)" data-verdict="\w+" data-category="([\w-]+)" data-search="([^"]*)">/g)];

    expect(listed.map((m) => `${m[2]} ${m[1]} ${m[3]}`)).toEqual([
      's-0 fail oauth-flow',
      's-1 skipped permissions',
      's-2 warn rate-limits',
      's-3 error tls',
      's-4 pass tokens',
      's-5 pass tokens',
    ]);
    expect(listed[5]![4]).toBe('id-token-expired an expired id token is refused scenarios/tokens/id-token-expired.yaml tokens must token.expired clock.skew ');
  });

  it('shows a failure in full: diagnosis, faults, steps, the request flow with fault and wrong turn, the screenshot inline and the trace linked', async () => {
    const { page } = await writeHtml(fixtureReport());
    const failed = section(page, 0);

    expect(failed).toContain('<p class="headline">The app signed alice in although the state in the callback was not the one it sent.</p>');
    for (const heading of ['Injected', 'Observed', 'Expected', 'Why it matters', 'How to fix', 'References']) expect(failed).toContain(`<dt>${heading}</dt>`);
    expect(failed).toContain('<li>no request to the token endpoint</li>');
    expect(failed).toContain('<tr><td><code>state.tampered</code></td><td class="mono">{}</td><td class="mono">—</td><td>1×</td></tr>');
    expect(failed).toContain('<td class="step-passed">passed</td><td>login: alice</td><td class="mono">scenarios/oauth-flow/state-tampered.yaml:12:5</td><td>1.6s</td>');
    expect(failed).toMatch(/<svg class="diagram"[^>]*role="img" aria-label="Request flow of state-tampered: 2 requests the provider saw">/);
    expect(failed).toContain('<g class="message request fault">');
    expect(failed).toContain('<g class="message request wrong">');
    expect(failed).toContain(`<img src="data:image/png;base64,${SCREENSHOT.toString('base64')}" alt="The page when state-tampered ended">`);
    expect(failed).toContain('<figcaption>The page when the scenario ended (../test-results/state-tampered/screenshot.png)</figcaption>');
    expect(failed).toContain('<a href="../test-results/state-tampered/trace.zip">../test-results/state-tampered/trace.zip</a>');
    expect(failed).toContain('<code>npx playwright show-trace ../test-results/state-tampered/trace.zip</code>');
  });

  it('says when evidence is missing, marks faults that never fired, and shows a harness error without colours', async () => {
    const { page } = await writeHtml(fixtureReport());

    expect(section(page, 2)).toContain('Screenshot: test-results/retry-after/screenshot.png (not found when this report was written)');
    expect(section(page, 1)).toContain('<span class="unfired">never fired: the verdict says little about the app</span>');
    const error = section(page, 3);
    expect(error).toContain('<td class="step-failed">failed</td><td>login: alice<pre>TimeoutError: page.goto: Timeout 30000ms exceeded.');
    expect(error).not.toContain('\u001b');
    expect(error).toContain('The provider saw no request in this scenario.');
  });

  it('escapes scenario text everywhere, and keeps evidence links relative paths', async () => {
    const report = fixtureReport();
    const s = report.scenarios[0]!;
    s.id = `x"><img src=x onerror=alert(1)>`;
    s.title = '<script>alert("title")</script>';
    s.diagnosis!.fix = '</dd><iframe src="//evil">';
    s.steps[0]!.title = "' onmouseover='alert(1)";
    s.faults[0]!.params = { value: '<b>bold</b>' };
    s.evidence.trace = 'javascript:alert(1)//trace.zip';
    report.run.target.name = '<i>app</i>';
    const { page } = await writeHtml(report);

    expect(page).not.toMatch(/<img src=x|<script>alert|<iframe|<b>bold|<i>app/);
    expect(page).not.toContain("' onmouseover='");
    expect(page).toContain('<code class="id">x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</code>');
    expect(page).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(page).toContain('<a href="../javascript%3Aalert(1)/trace.zip">');
  });
});
