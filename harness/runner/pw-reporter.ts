import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, join } from 'node:path';
import type { FullConfig, FullResult, Reporter as PlaywrightReporter, Suite, TestCase, TestError, TestResult, TestStep } from '@playwright/test/reporter';
import { createReporters, runReport, type RunInfo, type ScenarioReport } from '../../reports/index.js';
import { driverOf } from '../scenario/driver-name.js';
import { recordUnjudged } from '../verdict/outcome.js';
import { readManifest, type RunManifest } from './manifest.js';
import { PlaywrightReporters } from './playwright-reporters.js';
import { readResult } from './result-attachment.js';
import { warningsOf } from '../verdict/warnings.js';
import { RESULT_FILE, type RunResult } from './result-file.js';
import { readStop } from './run-stop.js';
import { metaOf, NOT_RUN } from './scenario-meta.js';

/**
 * Bridges Playwright Test to authfault's reporters: each finished test becomes a ScenarioReport
 * (from the attachment the scenario wrote, or an `error` when it never got that far), and the
 * run's end becomes one RunReport handed to every configured reporter. Playwright reporters the
 * run names (allure-playwright, …) get the same run, with verdicts as outcomes
 * (playwright-reporters.ts). With --list it prints the scenarios Playwright would run, and
 * writes nothing.
 */
export default class AuthfaultPlaywrightReporter implements PlaywrightReporter {
  #manifest: RunManifest = readManifest();
  #reporters = createReporters(this.#manifest.list ? [] : this.#manifest.reporters, { outputDir: this.#manifest.outputDir, cwd: this.#manifest.cwd });
  #others = PlaywrightReporters.load(this.#manifest.list ? [] : this.#manifest.playwrightReporters, dirname(this.#manifest.configFile));
  #scenarios: ScenarioReport[] = [];
  #tests: TestCase[] = [];
  /** Tests that ended without a verdict of their own: interrupted, or not run once the run stopped. */
  #unfinished = new Set<TestCase>();
  #errors: string[] = [];
  #run!: RunInfo;

  printsToStdio() {
    return true;
  }

  async onBegin(config: FullConfig, suite: Suite) {
    this.#tests = suite.allTests();
    if (this.#manifest.list) return this.#list();
    this.#run = {
      seed: this.#manifest.seed,
      startedAt: this.#manifest.startedAt,
      durationMs: 0,
      target: { name: this.#manifest.targetName, config: relative(this.#manifest.cwd, this.#manifest.configFile) },
      authfaultVersion: this.#manifest.authfaultVersion,
      workers: config.workers,
      driver: driverLabel(this.#manifest),
      ...(this.#manifest.shard ? { shard: this.#manifest.shard } : {}),
    };
    this.#others.onBegin(config, suite);
    await this.#reporters.onBegin?.({ run: this.#run, total: this.#tests.length });
  }

  onTestBegin(test: TestCase, result: TestResult) {
    this.#others.onTestBegin(test, result);
    const meta = metaOf(test);
    if (meta) this.#reporters.onScenarioBegin?.({ id: meta.id, title: meta.title, file: meta.file, line: meta.line });
  }

  onStepBegin(test: TestCase, result: TestResult, step: TestStep) {
    this.#others.onStepBegin(test, result, step);
  }

  onStepEnd(test: TestCase, result: TestResult, step: TestStep) {
    this.#others.onStepEnd(test, result, step);
  }

  onStdOut(chunk: string | Buffer, test?: TestCase, result?: TestResult) {
    this.#others.onStdOut(chunk, test, result);
  }

  onStdErr(chunk: string | Buffer, test?: TestCase, result?: TestResult) {
    this.#others.onStdErr(chunk, test, result);
  }

  onTestEnd(test: TestCase, result: TestResult) {
    this.#others.onTestEnd(test, result);
    // A result that Playwright will retry is not the scenario's last word.
    if (result.status !== 'passed' && result.status !== 'skipped' && result.retry < test.retries) return;
    // Stopped half way by an interrupt (Playwright says interrupted, or skipped when it had not
    // begun), or never started because the run had stopped: no verdict. TestResult.annotations is
    // newer than the oldest Playwright supported; the test's own have them too.
    const annotations = [...((result as { annotations?: TestCase['annotations'] }).annotations ?? []), ...test.annotations];
    const unjudged = !readResult(result.attachments) && (result.status === 'interrupted' || result.status === 'skipped');
    if (unjudged || annotations.some((a) => a.type === NOT_RUN)) {
      this.#unfinished.add(test);
      return;
    }
    const scenario = this.#toScenario(test, result);
    if (!scenario) return;
    this.#scenarios.push(scenario);
    this.#reporters.onScenarioEnd?.(scenario, { done: this.#scenarios.length, total: this.#tests.length });
  }

  onError(error: TestError) {
    this.#others.onError(error);
    const message = error.message ?? String(error.value);
    this.#errors.push(message);
    this.#reporters.onError?.({ message, ...(error.stack ? { stack: error.stack } : {}) });
  }

  async onEnd(result: FullResult) {
    if (this.#manifest.list) return;
    await this.#others.onEnd(result);
    const scenarios = [...this.#scenarios].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    const stopped = readStop(this.#manifest.outputDir) ?? (result.status === 'interrupted' ? { reason: 'interrupted' } : undefined);
    const finished = new Set(this.#scenarios.map((s) => s.id));
    const notRun = [...new Set(this.#tests.flatMap((t) => (this.#unfinished.has(t) || t.results.length === 0 ? [metaOf(t)?.id ?? t.title] : [])))].filter((id) => !finished.has(id));
    const interrupted = stopped ? { interrupted: { reason: stopped.reason, notRun } } : {};
    const report = runReport({ ...this.#run, durationMs: Math.round(Date.now() - Date.parse(this.#manifest.startedAt)), ...interrupted }, scenarios);
    await this.#reporters.onEnd?.(report);
    const file = join(this.#manifest.outputDir, RESULT_FILE);
    mkdirSync(join(this.#manifest.outputDir, '.run'), { recursive: true });
    const reporters = [...new Set(this.#reporters.failures.map((f) => f.reporter))];
    const written: RunResult = { summary: report.summary, warnings: warningsOf(report.scenarios), status: result.status, errors: this.#errors, reporters, ...(stopped ? { stopped } : {}) };
    writeFileSync(file, JSON.stringify(written));
  }

  async onExit() {
    await this.#others.onExit();
  }

  /** --list: what Playwright would run (after --shard), one scenario a line, as Playwright lists tests. */
  #list(): void {
    const lines = this.#tests.map((t) => {
      const meta = metaOf(t);
      return meta ? `  ${meta.file}:${meta.line} › ${meta.id}: ${meta.title}` : `  ${t.title}`;
    });
    const files = new Set(this.#tests.map((t) => metaOf(t)?.file ?? ''));
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    process.stdout.write(['Listing scenarios:', ...lines, `Total: ${plural(this.#tests.length, 'scenario')} in ${plural(files.size, 'file')}`, ''].join('\n'));
  }

  #toScenario(test: TestCase, result: TestResult): ScenarioReport | undefined {
    const cwd = this.#manifest.cwd;
    const evidence = {
      ...attachmentPath(result, 'screenshot', cwd, 'screenshot'),
      ...attachmentPath(result, 'trace', cwd, 'trace'),
    };
    // A scenario past its time limit goes on running while Playwright tears its worker down (its
    // app stopped under it): a verdict it attached after the limit rests on that, not on the app.
    const written = result.status === 'timedOut' ? undefined : readResult(result.attachments);
    if (written) return { ...written, durationMs: result.duration, retries: result.retry, evidence: { ...written.evidence, ...evidence } };
    const meta = metaOf(test);
    if (!meta) return undefined;
    // The scenario never reached its verdict: a timeout, a crash in the harness, a worker lost.
    const why = result.status === 'timedOut' ? `the scenario did not finish within ${test.timeout} ms` : (result.error?.message ?? `Playwright reported ${result.status}`);
    const advice = {
      why: 'A scenario that cannot run says nothing about the app; this is not charged to the app.',
      fix: 'Look at the trace and the app log; run again with --workers 1 to rule out load.',
    };
    return recordUnjudged(meta, why, advice, { durationMs: result.duration, retries: result.retry, evidence }, result.status === 'skipped' ? 'skipped' : 'error');
  }
}

/** The user agents the run's scenarios use: `chromium (debian-headless-shell)`, `http (no browser)`, or both. */
function driverLabel(manifest: RunManifest): string {
  const used = new Set(manifest.scenarios.map((s) => driverOf(s, manifest.driver)));
  return [...(used.has('browser') ? [`chromium (${manifest.browser.source})`] : []), ...(used.has('http') ? ['http (no browser)'] : [])].join(' + ');
}

function attachmentPath(result: TestResult, name: string, cwd: string, key: 'screenshot' | 'trace') {
  const found = result.attachments.find((a) => a.name === name && a.path);
  return found?.path ? { [key]: relative(cwd, found.path) } : {};
}
