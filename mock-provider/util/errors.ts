import { httpStatusOf, type ErrorCode } from '../../errors/codes.js';

/**
 * Errors with stable codes (jose's ERR_JWT_EXPIRED style), each in the one catalogue
 * (errors/codes.ts). The code is the contract; the message says what failed, why, and what to do.
 */
export class AuthfaultError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly unknown[] = [],
  ) {
    super(message);
    this.name = 'AuthfaultError';
  }
}

export function isAuthfaultError(error: unknown): error is AuthfaultError {
  return error instanceof AuthfaultError;
}

/** An error as the control API answers it: one shape, `{ error: CODE, message, details }`, at the code's HTTP status. */
export function errorAnswer(code: ErrorCode, message: string, details: readonly unknown[] = []): { status: number; body: { error: ErrorCode; message: string; details: readonly unknown[] } } {
  return { status: httpStatusOf(code), body: { error: code, message, details } };
}
