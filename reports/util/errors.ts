import type { ErrorCodeOf } from '../../errors/codes.js';

/** The stable codes reports/ can throw (the catalogue's, errors/codes.ts); the code is the contract, the message may improve. */
export type ReportErrorCode = ErrorCodeOf<'reports'>;

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
