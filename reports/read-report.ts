import { readFile } from 'node:fs/promises';
import type { RunReport } from './model.js';
import { ReportError } from './util/errors.js';

/**
 * Reads a report.json for merge-reports. Checks only what tells an authfault report of this
 * version apart from any other JSON; the contents were written by the json reporter.
 */
export async function readReport(file: string): Promise<RunReport> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw invalid(file, `it could not be read as JSON (${(error as Error).message})`);
  }
  const header = data as Partial<Pick<RunReport, 'schema' | 'version'>> | null;
  if (header?.schema !== 'authfault/report') throw invalid(file, 'it has no "schema": "authfault/report"');
  if (header.version !== 1) {
    throw invalid(file, `it is version ${String(header.version)} and this authfault reads version 1`);
  }
  return data as RunReport;
}

function invalid(file: string, why: string): ReportError {
  return new ReportError('AUTHFAULT_REPORT_INVALID', `${file} is not an authfault report: ${why}.`);
}
