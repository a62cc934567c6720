import type { ErrorCode } from '../../errors/codes.js';
import { AuthfaultError } from '../../mock-provider/basics.js';

/** An error in what the user typed or wrote: reported without a stack trace, exit code 2. */
export function usageError(code: ErrorCode, message: string, details: unknown[] = []): AuthfaultError {
  return new AuthfaultError(code, message, details);
}
