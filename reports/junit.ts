import { open } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { diagnosisText } from './diagnosis-text.js';
import type { FileReporterOptions } from './file-reporter-options.js';
import { CATEGORIES, summarize, type RunReport, type ScenarioReport } from './model.js';
import type { Reporter } from './reporter.js';
import { stripAnsi } from './util/strip-ansi.js';
import { writeFileAtomic } from './util/write-file-atomic.js';
import { serializeXml, type XmlElement } from './util/xml.js';

export const JUNIT_REPORT_FILE = 'junit.xml';

/**
 * Writes `<outputDir>/junit.xml` in the dialect GitLab, Jenkins and the GitHub test-report
 * actions all read (Ant's, with Surefire's per-testcase properties and file/line attributes):
 * - one <testsuite> per category in display order; one <testcase> per scenario;
 * - fail → <failure>, error → <error>, skipped → <skipped/>, each with the diagnosis as text;
 * - warn counts as passed (a should/may rule is not a build breaker) and carries its diagnosis in
 *   <system-out>, where the test-report UIs show it;
 * - properties per test case: verdict, severity, category and each fault kind;
 * - screenshots, traces and the app log as `[[ATTACHMENT|path]]` lines (paths relative to the
 *   working directory, which is what GitLab and Jenkins resolve them against), and the end of the
 *   app log as <system-err>, for every scenario that did not pass.
 */
export function createJunitReporter(options: FileReporterOptions): Reporter {
  return {
    async onEnd(report) {
      const cwd = options.cwd ?? process.cwd();
      const logs = new Map<string, string | undefined>();
      for (const scenario of report.scenarios) {
        const log = scenario.evidence.appLog;
        if (log && scenario.verdict !== 'pass' && !logs.has(log)) logs.set(log, await logTail(resolve(cwd, log)));
      }
      const file = resolve(options.outputDir, JUNIT_REPORT_FILE);
      await writeFileAtomic(file, serializeXml(junitDocument(report, { cwd, logs })));
      options.onWritten?.(file);
    },
  };
}

/** The JUnit document as an element tree: build the model, then serialise. */
interface Context {
  cwd: string;
  /** The end of each app log file, by the path the report gives; undefined when unreadable. */
  logs: ReadonlyMap<string, string | undefined>;
}

function junitDocument(report: RunReport, context: Context): XmlElement {
  const suites = CATEGORIES.map((category) => report.scenarios.filter((s) => s.category === category))
    .filter((scenarios) => scenarios.length > 0)
    .map((scenarios) => testsuite(scenarios, report, context));
  return {
    name: 'testsuites',
    attributes: {
      name: 'authfault',
      ...counts(report.scenarios),
      time: seconds(report.run.durationMs),
      timestamp: report.run.startedAt,
    },
    children: suites,
  };
}

function testsuite(scenarios: ScenarioReport[], report: RunReport, context: Context): XmlElement {
  const { run } = report;
  const properties = [
    property('authfault.seed', run.seed),
    property('authfault.target', run.target.name),
    property('authfault.version', run.authfaultVersion),
  ];
  if (run.shard) properties.push(property('authfault.shard', `${run.shard.current}/${run.shard.total}`));
  return {
    name: 'testsuite',
    attributes: {
      name: scenarios[0]!.category,
      ...counts(scenarios),
      time: seconds(scenarios.reduce((sum, s) => sum + s.durationMs, 0)),
      timestamp: run.startedAt,
    },
    children: [{ name: 'properties', children: properties }, ...scenarios.map((s) => testcase(s, context))],
  };
}

function counts(scenarios: readonly ScenarioReport[]): Record<string, number> {
  const summary = summarize(scenarios);
  return { tests: summary.total, failures: summary.fail, errors: summary.error, skipped: summary.skipped };
}

function testcase(scenario: ScenarioReport, context: Context): XmlElement {
  const properties = [
    property('authfault.verdict', scenario.verdict),
    property('authfault.severity', scenario.severity),
    property('authfault.category', scenario.category),
    ...scenario.faults.map((fault) => property('authfault.fault', fault.kind)),
  ];
  const children: XmlElement[] = [{ name: 'properties', children: properties }];
  // Playwright and app errors carry terminal colours; they mean nothing in a CI test view.
  const text = stripAnsi(diagnosisText(scenario));
  const message = stripAnsi(headline(scenario));
  switch (scenario.verdict) {
    case 'fail':
      children.push({ name: 'failure', attributes: { message, type: scenario.category }, text });
      break;
    case 'error':
      children.push({ name: 'error', attributes: { message, type: scenario.category }, text });
      break;
    case 'skipped':
      children.push({ name: 'skipped', attributes: { message: scenario.diagnosis && message } });
      break;
  }
  const out = [
    ...(scenario.verdict === 'warn' ? [`Warning: passed, but a "${scenario.severity}" rule was not met.\n\n${text}`] : []),
    ...attachments(scenario, context.cwd),
  ];
  if (out.length > 0) children.push({ name: 'system-out', text: out.join('\n\n') });
  const log = scenario.evidence.appLog && scenario.verdict !== 'pass' ? context.logs.get(scenario.evidence.appLog) : undefined;
  if (log) children.push({ name: 'system-err', text: stripAnsi(log) });
  return {
    name: 'testcase',
    attributes: {
      classname: `authfault.${scenario.category}`,
      name: `${scenario.id}: ${scenario.title}`,
      file: scenario.file,
      line: scenario.line,
      time: seconds(scenario.durationMs),
    },
    children,
  };
}

/** The one line a CI summary shows for a problem; a harness error may have no diagnosis. */
function headline(scenario: ScenarioReport): string {
  if (scenario.diagnosis) return scenario.diagnosis.summary;
  const failedStep = scenario.steps.find((step) => step.status === 'failed');
  return failedStep?.error?.split('\n')[0] ?? `Scenario ${scenario.id}: ${scenario.verdict}`;
}

/** One `[[ATTACHMENT|path]]` line per file: the syntax GitLab and Jenkins turn into links. */
function attachments(scenario: ScenarioReport, cwd: string): string[] {
  if (scenario.verdict === 'pass') return [];
  const { screenshot, trace, appLog } = scenario.evidence;
  const lines = [screenshot, trace, appLog]
    .filter((path) => path !== undefined)
    .map((path) => `[[ATTACHMENT|${fromCwd(path, cwd)}]]`);
  return lines.length > 0 ? [lines.join('\n')] : [];
}

/** The app log is recorded as an absolute path; CI tools resolve attachments from the checkout. */
function fromCwd(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const inside = relative(cwd, path);
  return inside.startsWith(`..${sep}`) || isAbsolute(inside) ? path : inside.split(sep).join('/');
}

/** The app log is the worker's and can be long; its end is where a crash or a refusal shows. */
const LOG_TAIL_BYTES = 8 * 1024;

async function logTail(file: string): Promise<string | undefined> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - LOG_TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const text = buffer.toString('utf8');
      // Cut to whole lines, and say so, when the log was longer than the tail.
      return start === 0 ? text : `… (${start} bytes before this left out; the whole log is attached)\n${text.slice(text.indexOf('\n') + 1)}`;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

function property(name: string, value: string): XmlElement {
  return { name: 'property', attributes: { name, value } };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
