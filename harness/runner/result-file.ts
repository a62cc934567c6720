import type { Summary } from '../../reports/index.js';
import type { RunStop } from './run-stop.js';
import type { Warnings } from '../verdict/warnings.js';

/** Written by the reporter bridge at the end of a Playwright run; read by the CLI for its exit code. */
export const RESULT_FILE = '.run/result.json';

export interface RunResult {
  summary: Summary;
  /** The warnings by the strongest severity broken, for --fail-on. */
  warnings: Warnings;
  /** Playwright's status of the run. */
  status: string;
  /** Errors that belong to no scenario (Playwright's onError). */
  errors: string[];
  /** Reporters that failed (their output may be missing or incomplete), by name. */
  reporters: string[];
  /** Why the run stopped before every scenario ran: a signal, or an app that did not start. */
  stopped?: RunStop;
}
