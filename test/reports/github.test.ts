import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationLines } from '../../reports/github/annotations.js';
import { jobSummary } from '../../reports/github/job-summary.js';
import { md, mdCode } from '../../reports/github/markdown.js';
import { createGithubReporter } from '../../reports/github/reporter.js';
import { escapeData, escapeProperty, workflowCommand } from '../../reports/github/workflow-command.js';
import { captureStream, drive } from './drive.js';
import { fixtureReport } from './fixture.js';

describe('workflow commands', () => {
  it('escapes the message and property values the way the runner unescapes them', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
    expect(workflowCommand('error', { file: 'a,b.yaml', line: 3, col: undefined, title: 'x: y' }, 'line 1\n::warning::injected')).toBe(
      '::error file=a%2Cb.yaml,line=3,title=x%3A y::line 1%0A::warning::injected',
    );
    expect(workflowCommand('notice', {}, 'hi')).toBe('::notice::hi');
  });
});

describe('annotations', () => {
  it('puts an ::error on each fail and error and a ::warning on each warn, worst first, at the failed step when there is one', () => {
    const { lines, annotated } = annotationLines(fixtureReport().scenarios, { cwd: '/repo' });

    expect(annotated).toBe(3);
    expect(lines).toEqual([
      '::error file=scenarios/oauth-flow/state-tampered.yaml,line=2,col=1,title=authfault fail%3A state-tampered (oauth-flow%2C must)::' +
        'A callback whose state was tampered with is refused: The app signed alice in although the state in the callback was not the one it sent.%0A%0A' +
        "How to fix: Store state in the session before redirecting and compare it to the callback's state.",
      '::error file=scenarios/tls/expired-certificate.yaml,line=9,col=5,title=authfault error%3A expired-certificate (tls%2C must)::' +
        'An expired provider certificate is refused: The target app did not answer within 30s, so the scenario could not be judged.%0A%0A' +
        'How to fix: Check the app log below; make the app fail fast on TLS errors instead of hanging.',
      '::warning file=scenarios/rate-limits/retry-after.yaml,line=2,col=1,title=authfault warn%3A retry-after (rate-limits%2C should)::' +
        'A 429 with Retry-After is waited out: The app retried the token request after 120ms, before Retry-After (1s) had passed.%0A%0A' +
        'How to fix: Honour Retry-After before retrying, with a capped backoff when it is absent.',
    ]);
  });

  it('stops at the limit and counts the rest in a notice', () => {
    const [failed] = fixtureReport().scenarios;
    const many = Array.from({ length: 13 }, (_, i) => ({ ...failed!, id: `s${i}` }));
    const { lines, annotated } = annotationLines(many, { cwd: '/repo' });

    expect(annotated).toBe(10);
    expect(lines).toHaveLength(11);
    expect(lines.slice(0, 10).every((line) => line.startsWith('::error '))).toBe(true);
    expect(lines[10]).toBe('::notice title=authfault::3 more problems not annotated (GitHub shows at most 10); the job summary lists every one.');
  });

  it('gives paths from the repository root when the run started in a subfolder', () => {
    const { lines } = annotationLines(fixtureReport().scenarios.slice(0, 1), { cwd: '/repo/apps/web', workspace: '/repo' });
    expect(lines[0]).toMatch(/^::error file=apps\/web\/scenarios\/oauth-flow\/state-tampered\.yaml,line=2,/);
  });
});

describe('job summary', () => {
  it('has the verdict line, the category matrix and every problem with its fix', () => {
    const text = jobSummary(fixtureReport(), { annotated: 3 });

    expect(text.split('\n').slice(0, 15)).toEqual([
      '## authfault: careful\\-app: 2 passed, 1 failed',
      '',
      '6 scenarios · 1 warned · 1 could not be judged · 1 skipped · seed `20251128` · 34.0s',
      '',
      '| category | pass | fail | warn | error | skipped | total |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| tokens | 2 | · | · | · | · | 2 |',
      '| credentials | · | · | · | · | · | 0 |',
      '| oauth\\-flow | · | **1** | · | · | · | 1 |',
      '| tls | · | · | · | **1** | · | 1 |',
      '| rate\\-limits | · | · | **1** | · | · | 1 |',
      '| network | · | · | · | · | · | 0 |',
      '| clock | · | · | · | · | · | 0 |',
      '| permissions | · | · | · | · | **1** | 1 |',
      '',
    ]);
    expect(text).toContain('### Problems (3)\n\n- ❌ **fail** `state-tampered` A callback whose state was tampered with is refused (oauth\\-flow, must) `scenarios/oauth-flow/state-tampered.yaml:2`\n');
    expect(text).toContain('- ⛔ **error** `expired-certificate`');
    expect(text).toContain('`scenarios/tls/expired-certificate.yaml:9`');
    expect(text).toContain("  **How to fix:** Store state in the session before redirecting and compare it to the callback\\'s state\\.\n");
    expect(text).not.toContain('Only the first');
  });

  it('says when not every problem could be annotated', () => {
    expect(jobSummary(fixtureReport(), { annotated: 2 })).toContain('Only 2 of the 3 problems are annotated on the scenario files: GitHub shows at most 10 per step.');
  });

  it('escapes scenario text so it can neither break the table nor inject links or HTML', () => {
    expect(md('a | b <img src=x> [link](http://x) *bold*\nnext')).toBe('a \\| b \\<img src\\=x\\> \\[link\\]\\(http\\://x\\) \\*bold\\* next');
    expect(mdCode('a`b | c')).toBe('`aʼb \\| c`');
  });
});

describe('github reporter', () => {
  it('does nothing outside GitHub Actions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authfault-github-'));
    const summary = join(dir, 'summary.md');
    const { stream, text } = captureStream();
    await drive(createGithubReporter({ stream, env: { GITHUB_STEP_SUMMARY: summary } }), fixtureReport());

    expect(text()).toBe('');
    await expect(stat(summary)).rejects.toThrow();
  });

  it('prints the annotations and appends the job summary on GitHub Actions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authfault-github-'));
    const summary = join(dir, 'summary.md');
    const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
    const { stream, text } = captureStream();
    await drive(createGithubReporter({ stream, env, cwd: dir }), fixtureReport());
    await drive(createGithubReporter({ stream, env, cwd: dir, maxAnnotations: 1 }), fixtureReport());

    const lines = text().trimEnd().split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['::error', '::error', '::warning', '::error', '::notice']);
    const written = await readFile(summary, 'utf8');
    expect(written.match(/^## authfault: /gm)).toHaveLength(2);
    expect(written).toContain('Only 1 of the 3 problems are annotated');
  });
});
