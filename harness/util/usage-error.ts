import { AuthfaultError } from '../../mock-provider/common.js';

/** An error in what the user typed or wrote: reported without a stack trace, exit code 2. */
export function usageError(code: string, message: string, details: unknown[] = []): AuthfaultError {
  return new AuthfaultError(code, message, details);
}
