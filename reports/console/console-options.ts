import type { StyleOptions } from './style.js';

/** What every console reporter is given. */
export interface ConsoleReporterOptions extends StyleOptions {
  stream: NodeJS.WritableStream;
  /**
   * Files the file reporters have written by the time onEnd reaches this reporter (the registry
   * runs file reporters' onEnd first), so only files that really exist are announced.
   */
  writtenFiles?: readonly string[];
  /** Paths are printed relative to this; defaults to process.cwd(). */
  cwd?: string;
}
