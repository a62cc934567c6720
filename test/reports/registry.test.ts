import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTER_NAMES, createReporters } from '../../reports/registry.js';
import { captureStream, drive } from './drive.js';
import { fixtureReport } from './fixture.js';

describe('createReporters', () => {
  it('refuses an unknown name with a stable code, a suggestion and the allowed names', () => {
    expect(() => createReporters(['list', 'jsno'], { outputDir: 'out' })).toThrow(
      expect.objectContaining({
        code: 'AUTHFAULT_UNKNOWN_REPORTER',
        message: 'Unknown reporter "jsno". Did you mean "json"?\nAllowed reporters: list, dot, json, junit, html, github.',
      }),
    );
  });

  it('names every unknown reporter at once, suggesting only plausible typos', () => {
    expect(() => createReporters(['JUnit', 'html-report'], { outputDir: 'out' })).toThrow(
      expect.objectContaining({
        code: 'AUTHFAULT_UNKNOWN_REPORTER',
        message:
          'Unknown reporter "JUnit". Did you mean "junit"?\n' +
          'Unknown reporter "html-report".\n' +
          'Allowed reporters: list, dot, json, junit, html, github.',
      }),
    );
  });

  it('refuses two console reporters, which would print two summaries', () => {
    expect(() => createReporters(['dot', 'json', 'list'], { outputDir: 'out' })).toThrow(
      expect.objectContaining({
        code: 'AUTHFAULT_REPORTER_CONFLICT',
        message: 'Reporters "dot" and "list" both write to the console; choose one.',
      }),
    );
  });

  it('lists the reporter names in order', () => {
    expect(REPORTER_NAMES).toEqual(['list', 'dot', 'json', 'junit', 'html', 'github']);
  });

  it('writes the files before the console lists them, whatever order the names come in', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'authfault-registry-'));
    const { stream, text } = captureStream();
    const reporters = createReporters(['list', 'junit', 'json', 'json'], { outputDir: 'authfault-report', stream, cwd, color: false });
    await drive(reporters, fixtureReport());

    expect(text().split('\n').slice(-4)).toEqual(['Reports:', '  authfault-report/junit.xml', '  authfault-report/report.json', '']);
    expect(JSON.parse(await readFile(join(cwd, 'authfault-report', 'report.json'), 'utf8'))).toEqual(fixtureReport());
    expect(await readFile(join(cwd, 'authfault-report', 'junit.xml'), 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(reporters.failures).toEqual([]);
  });

  it('writes index.html with the other files, and GitHub annotations before the console summary', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'authfault-registry-'));
    const summaryFile = join(cwd, 'step-summary.md');
    const { stream, text } = captureStream();
    const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile };
    const reporters = createReporters(['dot', 'github', 'html', 'json'], { outputDir: 'authfault-report', stream, cwd, env, color: false });
    await drive(reporters, fixtureReport());

    const lines = text().split('\n');
    const firstAnnotation = lines.findIndex((line) => line.startsWith('::error '));
    expect(firstAnnotation).toBeGreaterThan(0);
    expect(firstAnnotation).toBeLessThan(lines.indexOf('2 passed, 1 failed, 1 warned, 1 error, 1 skipped'));
    expect(lines.slice(-4)).toEqual(['Reports:', '  authfault-report/index.html', '  authfault-report/report.json', '']);
    expect(await readFile(join(cwd, 'authfault-report', 'index.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(await readFile(summaryFile, 'utf8')).toMatch(/^## authfault: careful\\-app: 2 passed, 1 failed\n/);
    expect(reporters.failures).toEqual([]);
  });
});
