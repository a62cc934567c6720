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

/** Codes that mean authfault itself broke (exit 3); every other AUTHFAULT_* code is about the user's input (exit 2). */
const HARNESS_CODES = new Set(['AUTHFAULT_INTERNAL', 'AUTHFAULT_CONTROL_ERROR']);

export function isInputError(code: string): boolean {
  return code.startsWith('AUTHFAULT_') && !HARNESS_CODES.has(code);
}
