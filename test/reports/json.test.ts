import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonReporter } from '../../reports/json.js';
import { readReport } from '../../reports/read-report.js';
import { drive } from './drive.js';
import { fixtureReport } from './fixture.js';

describe('json reporter', () => {
  it('writes the report, pretty-printed, into a directory it creates, and it reads back equal', async () => {
    const outputDir = join(await mkdtemp(join(tmpdir(), 'authfault-json-')), 'nested', 'report');
    const written: string[] = [];
    await drive(createJsonReporter({ outputDir, onWritten: (file) => written.push(file) }), fixtureReport());

    const file = join(outputDir, 'report.json');
    expect(written).toEqual([file]);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('{\n  "schema": "authfault/report",\n  "version": 1,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(fixtureReport());
    expect(await readReport(file)).toEqual(fixtureReport());
  });
});

describe('readReport', () => {
  const write = async (content: string) => {
    const file = join(await mkdtemp(join(tmpdir(), 'authfault-read-')), 'report.json');
    await writeFile(file, content);
    return file;
  };

  it('refuses JSON that is not an authfault report', async () => {
    const file = await write('{"stats":{}}');
    await expect(readReport(file)).rejects.toMatchObject({
      code: 'AUTHFAULT_REPORT_INVALID',
      message: `${file} is not an authfault report: it has no "schema": "authfault/report".`,
    });
  });

  it('refuses a report of another version', async () => {
    const file = await write('{"schema":"authfault/report","version":2}');
    await expect(readReport(file)).rejects.toMatchObject({
      code: 'AUTHFAULT_REPORT_INVALID',
      message: `${file} is not an authfault report: it is version 2 and this authfault reads version 1.`,
    });
  });

  it('refuses a file that is not JSON', async () => {
    const file = await write('<testsuites/>');
    await expect(readReport(file)).rejects.toMatchObject({ code: 'AUTHFAULT_REPORT_INVALID' });
  });
});
