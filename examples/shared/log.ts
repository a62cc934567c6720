/**
 * One line per event on stderr, prefixed with the app's name: the harness keeps a target's stderr
 * as evidence, so a refusal or a retry must be readable there without a debugger.
 */
export interface Log {
  refusal(what: string, code: string, why: string): void;
  note(message: string): void;
}

export function createLog(app: string): Log {
  return {
    refusal: (what, code, why) => console.error(`[${app}] refused ${what}: ${code}: ${why}`),
    note: (message) => console.error(`[${app}] ${message}`),
  };
}
