/** Written by the reporter bridge at the end of a Playwright run; read by the CLI for its exit code. */
export const RESULT_FILE = '.run/result.json';
