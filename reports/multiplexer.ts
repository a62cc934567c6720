import type { Reporter, ReporterHook } from './reporter.js';

export interface NamedReporter {
  name: string;
  reporter: Reporter;
}

export interface ReporterFailure {
  reporter: string;
  hook: ReporterHook;
  error: unknown;
}

/** A reporter that fans out to others; `failures` lets the harness exit 3 when one broke. */
export interface Multiplexer extends Reporter {
  readonly failures: readonly ReporterFailure[];
}

/**
 * Calls every reporter's hook in order and isolates them from each other, as Playwright's
 * multiplexer does: a reporter that throws (or rejects) never stops the others, so a full disk
 * under junit.xml still leaves the console summary and report.json. Each broken reporter is
 * reported on errorStream once, with its name, however many hooks it then fails in.
 */
export function createMultiplexer(
  reporters: readonly NamedReporter[],
  options: { errorStream?: NodeJS.WritableStream } = {},
): Multiplexer {
  const errorStream = options.errorStream ?? process.stderr;
  const failures: ReporterFailure[] = [];

  const fail = (reporter: string, hook: ReporterHook, error: unknown): void => {
    const first = !failures.some((failure) => failure.reporter === reporter);
    failures.push({ reporter, hook, error });
    if (!first) return;
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    errorStream.write(
      `authfault: the "${reporter}" reporter failed in ${hook}; the other reporters carried on, ` +
        `but its output may be missing or incomplete.\n${detail}\n`,
    );
  };

  // Sync hooks are typed to return void, yet an async implementation still type-checks: catch its
  // rejection too, or it would surface as an unhandled rejection and end the process.
  const callSync = <H extends 'onScenarioBegin' | 'onScenarioEnd' | 'onError'>(
    hook: H,
    args: Parameters<NonNullable<Reporter[H]>>,
  ): void => {
    for (const { name, reporter } of reporters) {
      try {
        const result: unknown = (reporter[hook] as ((...a: typeof args) => unknown) | undefined)?.apply(reporter, args);
        if (result instanceof Promise) result.catch((error: unknown) => fail(name, hook, error));
      } catch (error) {
        fail(name, hook, error);
      }
    }
  };

  // Sequential, in registry order: console reporters run after the file reporters have written.
  const callAsync = async <H extends 'onBegin' | 'onEnd'>(hook: H, args: Parameters<NonNullable<Reporter[H]>>) => {
    for (const { name, reporter } of reporters) {
      try {
        await (reporter[hook] as ((...a: typeof args) => unknown) | undefined)?.apply(reporter, args);
      } catch (error) {
        fail(name, hook, error);
      }
    }
  };

  return {
    failures,
    onBegin: (info) => callAsync('onBegin', [info]),
    onScenarioBegin: (scenario) => callSync('onScenarioBegin', [scenario]),
    onScenarioEnd: (scenario, progress) => callSync('onScenarioEnd', [scenario, progress]),
    onEnd: (report) => callAsync('onEnd', [report]),
    onError: (error) => callSync('onError', [error]),
  };
}
