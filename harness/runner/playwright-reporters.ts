import { createRequire } from 'node:module';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult, TestStep } from '@playwright/test/reporter';
import type { ScenarioReport } from '../../reports/index.js';
import { readResult } from './result-attachment.js';

/**
 * Playwright reporters a team already uses (allure-playwright, a reporter of their own), run
 * beside authfault's. Playwright would report a scenario's test, not its verdict: a `fail` is the
 * app's verdict, and its test passes (run-scenario.ts keeps the worker that way), so handed over
 * as they are, every fail would look green in those reports. Here each test is handed over with
 * its verdict as its outcome — a fail as a failed test whose error is the diagnosis — and the
 * run's status as authfault's. A reporter that throws is announced and left out; the others and
 * authfault's own go on.
 */
export class PlaywrightReporters {
  #reporters: { name: string; reporter: Reporter }[] = [];
  #failed = false;

  /**
   * Loaded synchronously, as Playwright does not wait for a reporter's onBegin: CommonJS, and ES
   * modules through require (Node 20.19 and later, which package.json's engines ask for).
   */
  static load(files: readonly string[], configDir: string): PlaywrightReporters {
    const all = new PlaywrightReporters();
    const require = createRequire(import.meta.url);
    for (const file of files) {
      const mod = require(file) as { default?: unknown } | (new (options: object) => Reporter);
      // module.exports = Reporter, or a default export (ESM, or CommonJS compiled from it).
      const Ctor = (typeof mod === 'function' ? mod : mod.default) as (new (options: object) => Reporter) | undefined;
      if (typeof Ctor !== 'function') throw new Error(`${file} exports no reporter class (a default export Playwright could construct)`);
      all.#reporters.push({ name: file, reporter: new Ctor({ configDir }) });
    }
    return all;
  }

  get size(): number {
    return this.#reporters.length;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.#each('onBegin', (r) => r.onBegin?.(config, suite));
  }

  onTestBegin(test: TestCase, result: TestResult): void {
    this.#each('onTestBegin', (r) => r.onTestBegin?.(test, result));
  }

  onStepBegin(test: TestCase, result: TestResult, step: TestStep): void {
    this.#each('onStepBegin', (r) => r.onStepBegin?.(test, result, step));
  }

  onStepEnd(test: TestCase, result: TestResult, step: TestStep): void {
    this.#each('onStepEnd', (r) => r.onStepEnd?.(test, result, step));
  }

  onStdOut(chunk: string | Buffer, test?: TestCase, result?: TestResult): void {
    this.#each('onStdOut', (r) => r.onStdOut?.(chunk, test, result));
  }

  onStdErr(chunk: string | Buffer, test?: TestCase, result?: TestResult): void {
    this.#each('onStdErr', (r) => r.onStdErr?.(chunk, test, result));
  }

  onError(error: TestError): void {
    this.#each('onError', (r) => r.onError?.(error));
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const verdict = readResult(result.attachments);
    const seen = verdict ? asVerdict(test, result, verdict) : { test, result };
    if (seen.result.status === 'failed' || seen.result.status === 'timedOut') this.#failed = true;
    this.#each('onTestEnd', (r) => r.onTestEnd?.(seen.test, seen.result));
  }

  async onEnd(result: FullResult): Promise<void> {
    const status = result.status === 'passed' && this.#failed ? 'failed' : result.status;
    for (const { name, reporter } of [...this.#reporters]) await this.#guard(name, 'onEnd', () => reporter.onEnd?.({ ...result, status }));
  }

  async onExit(): Promise<void> {
    for (const { name, reporter } of [...this.#reporters]) await this.#guard(name, 'onExit', () => reporter.onExit?.());
  }

  #each(hook: string, call: (r: Reporter) => unknown): void {
    for (const { name, reporter } of [...this.#reporters]) void this.#guard(name, hook, () => call(reporter));
  }

  async #guard(name: string, hook: string, call: () => unknown): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.#reporters = this.#reporters.filter((r) => r.name !== name);
      process.stderr.write(`authfault: the Playwright reporter ${name} failed in ${hook} and is left out of the rest of the run: ${(error as Error)?.message ?? error}\n`);
    }
  }
}

/** The test and its result as the verdict has it: a fail is a failed test, with the diagnosis as its error. */
function asVerdict(test: TestCase, result: TestResult, verdict: ScenarioReport): { test: TestCase; result: TestResult } {
  if (verdict.verdict !== 'fail') return { test, result };
  const error: TestError = { message: `${verdict.verdict}: ${verdict.diagnosis?.summary ?? ''}` };
  const failed: TestResult = { ...result, status: 'failed', error, errors: [error, ...result.errors] };
  const results = test.results.map((r) => (r === result ? failed : r));
  const seen = new Proxy(test, {
    get(target, key, receiver) {
      if (key === 'results') return results;
      if (key === 'outcome') return () => 'unexpected';
      if (key === 'ok') return () => false;
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { test: seen, result: failed };
}
