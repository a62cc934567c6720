import { resolve } from 'node:path';
import type { ConsoleReporterOptions } from './console/console-options.js';
import { createDotReporter } from './console/dot.js';
import { createListReporter } from './console/list.js';
import type { FileReporterOptions } from './file-reporter-options.js';
import { createGithubReporter, type GithubReporterOptions } from './github/reporter.js';
import { createHtmlReporter } from './html/reporter.js';
import { createJsonReporter } from './json.js';
import { createJunitReporter } from './junit.js';
import { createMultiplexer, type Multiplexer } from './multiplexer.js';
import { didYouMean } from './util/did-you-mean.js';
import { ReportError } from './util/errors.js';
import { REPORTER_NAMES, type ReporterName } from './reporter-names.js';

export { REPORTER_NAMES, type ReporterName };

/** What each kind of reporter is built from; the registry fills all three from its options. */
interface ReporterOptionsByOutput {
  console: ConsoleReporterOptions;
  file: FileReporterOptions;
  ci: GithubReporterOptions;
}

/**
 * The reporters by name. Console reporters write to a stream; file reporters write under the
 * output directory; CI reporters speak a CI system's own protocol (and stay silent elsewhere).
 * Only one console reporter may run: two would print two summaries, and CI tooling reads the one
 * line that starts `N passed, N failed`.
 */
const REGISTRY = {
  list:   { output: 'console', create: (o: ReporterOptionsByOutput) => createListReporter(o.console) },
  dot:    { output: 'console', create: (o: ReporterOptionsByOutput) => createDotReporter(o.console) },
  json:   { output: 'file',    create: (o: ReporterOptionsByOutput) => createJsonReporter(o.file) },
  junit:  { output: 'file',    create: (o: ReporterOptionsByOutput) => createJunitReporter(o.file) },
  html:   { output: 'file',    create: (o: ReporterOptionsByOutput) => createHtmlReporter(o.file) },
  github: { output: 'ci',      create: (o: ReporterOptionsByOutput) => createGithubReporter(o.ci) },
} as const satisfies Record<ReporterName, unknown>;

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
  const stream = options.stream ?? process.stdout;
  const writtenFiles: string[] = [];
  const byOutput: ReporterOptionsByOutput = {
    file: { outputDir: resolve(cwd, options.outputDir), cwd, onWritten: (file) => writtenFiles.push(file) },
    console: { stream, writtenFiles, cwd, color: options.color, env: options.env },
    ci: { stream, cwd, env: options.env },
  };
  // Files first, the console last: its onEnd then lists only files that were really written, and
  // its summary stays the last thing in the log, after any CI annotations.
  const rank = (name: ReporterName): number => ({ file: 0, ci: 1, console: 2 })[REGISTRY[name].output];
  const ordered = [...known].sort((a, b) => rank(a) - rank(b));
  return createMultiplexer(
    ordered.map((name) => ({ name, reporter: REGISTRY[name].create(byOutput) })),
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
