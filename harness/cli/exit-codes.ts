/** Documented exit codes (README "Exit codes"). */
export const EXIT = Object.freeze({
  /** Every scenario passed (warnings allowed). */
  ok: 0,
  /** At least one scenario failed: the app mishandled a fault. */
  failed: 1,
  /** Bad input or configuration: scenario files, config, flags. */
  badInput: 2,
  /** The harness itself broke (or a scenario could not be judged). */
  harness: 3,
});

/** Error codes that mean the user's input is wrong (exit 2) rather than the harness (exit 3). */
export function isInputError(code: string): boolean {
  return /_(INVALID|NOT_FOUND|UNKNOWN|BAD_|CONFLICT|MISMATCH|EXISTS|FORBIDDEN|USAGE)/.test(code) || code.startsWith('AUTHFAULT_BAD_') || code.startsWith('AUTHFAULT_UNKNOWN_');
}
