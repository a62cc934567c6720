/**
 * Errors with stable codes (jose's ERR_JWT_EXPIRED style). The code is the contract; the message
 * says what failed, why, and what to do.
 */
export class AuthfaultError extends Error {
  constructor(
    readonly code: string,
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
