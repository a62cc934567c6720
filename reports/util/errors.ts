/** The stable codes reports/ can throw; the code is the contract, the message may improve. */
export type ReportErrorCode =
  | 'AUTHFAULT_UNKNOWN_REPORTER'
  | 'AUTHFAULT_REPORTER_CONFLICT'
  | 'AUTHFAULT_MERGE_EMPTY'
  | 'AUTHFAULT_MERGE_SEED_MISMATCH'
  | 'AUTHFAULT_MERGE_DUPLICATE_SCENARIO'
  | 'AUTHFAULT_REPORT_INVALID';

/**
 * An error with a stable code (jose's ERR_JWT_EXPIRED style). Callers branch on `code`, never on
 * the message; the harness maps these to exit code 2 (bad input or configuration).
 */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}
