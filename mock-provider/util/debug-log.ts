/** With DEBUG=authfault, what broke and where, on stderr: an answer never carries a stack trace, this log does. */
export function debugLog(context: string, error: unknown): void {
  if (!process.env.DEBUG?.includes('authfault')) return;
  process.stderr.write(`authfault: ${context}: ${(error as Error)?.stack ?? String(error)}\n`);
}
