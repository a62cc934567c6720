import { resolve } from 'node:path';
import type { ConsoleReporterOptions } from './console/console-options.js';
import { createDotReporter } from './console/dot.js';
import { createListReporter } from './console/list.js';
import type { FileReporterOptions } from './file-reporter-options.js';
import { createJsonReporter } from './json.js';
import { createJunitReporter } from './junit.js';
import { createMultiplexer, type Multiplexer } from './multiplexer.js';
import type { Reporter } from './reporter.js';
import { didYouMean } from './util/did-you-mean.js';
import { ReportError } from './util/errors.js';

/**
 * The reporters by name. Console reporters write to a stream; file reporters write under the
 * output directory. Only one console reporter may run: two would print two summaries, and CI
 * tooling reads exactly one `N passed, N failed` line.
 */
const REGISTRY = {
  list:  { output: 'console', create: (o: ConsoleReporterOptions) => createListReporter(o) },
  dot:   { output: 'console', create: (o: ConsoleReporterOptions) => createDotReporter(o) },
  json:  { output: 'file',    create: (o: FileReporterOptions) => createJsonReporter(o) },
  junit: { output: 'file',    create: (o: FileReporterOptions) => createJunitReporter(o) },
} as const;

export type ReporterName = keyof typeof REGISTRY;

/** Every reporter name, in the order `--help` lists them. */
export const REPORTER_NAMES = Object.keys(REGISTRY) as ReporterName[];

export interface CreateReportersOptions {
  /** Where file reporters write; relative paths are resolved against cwd. */
  outputDir: string;
  /** Console output; defaults to process.stdout. */
  stream?: NodeJS.WritableStream;
  /** Where a broken reporter is announced; defaults to process.stderr. */
  errorStream?: NodeJS.WritableStream;
  /** Forces console colours on or off; otherwise TTY and NO_COLOR decide. */
  color?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Defaults to process.cwd(). */
  cwd?: string;
}

/**
 * Builds the named reporters behind one multiplexer. Names are checked all at once: unknown
 * names throw AUTHFAULT_UNKNOWN_REPORTER (with a suggestion), two console reporters throw
 * AUTHFAULT_REPORTER_CONFLICT. A name given twice counts once.
 */
export function createReporters(names: readonly string[], options: CreateReportersOptions): Multiplexer {
  const unique = [...new Set(names)];
  const unknown = unique.filter((name) => !Object.hasOwn(REGISTRY, name));
  if (unknown.length > 0) throw unknownReporters(unknown);
  const known = unique as ReporterName[];
  const consoles = known.filter((name) => REGISTRY[name].output === 'console');
  if (consoles.length > 1) {
    throw new ReportError(
      'AUTHFAULT_REPORTER_CONFLICT',
      `Reporters ${consoles.map((name) => `"${name}"`).join(' and ')} both write to the console; choose one.`,
    );
  }

  const cwd = options.cwd ?? process.cwd();
  const writtenFiles: string[] = [];
  const fileOptions: FileReporterOptions = {
    outputDir: resolve(cwd, options.outputDir),
    onWritten: (file) => writtenFiles.push(file),
  };
  const consoleOptions: ConsoleReporterOptions = {
    stream: options.stream ?? process.stdout,
    writtenFiles,
    cwd,
    color: options.color,
    env: options.env,
  };
  // File reporters first: the console's onEnd then lists only files that were really written.
  const isConsole = (name: ReporterName): number => Number(REGISTRY[name].output === 'console');
  const ordered = [...known].sort((a, b) => isConsole(a) - isConsole(b));
  return createMultiplexer(
    ordered.map((name) => {
      const entry = REGISTRY[name];
      const reporter: Reporter =
        entry.output === 'console' ? entry.create(consoleOptions) : entry.create(fileOptions);
      return { name, reporter };
    }),
    { errorStream: options.errorStream },
  );
}

function unknownReporters(names: readonly string[]): ReportError {
  const lines = names.map((name) => {
    const suggestion = didYouMean(name, REPORTER_NAMES);
    return `Unknown reporter "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`;
  });
  return new ReportError(
    'AUTHFAULT_UNKNOWN_REPORTER',
    `${lines.join('\n')}\nAllowed reporters: ${REPORTER_NAMES.join(', ')}.`,
  );
}
