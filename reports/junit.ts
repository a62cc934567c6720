import { resolve } from 'node:path';
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
 * - screenshots and traces as `[[ATTACHMENT|path]]` lines, which GitLab and Jenkins link.
 */
export function createJunitReporter(options: FileReporterOptions): Reporter {
  return {
    async onEnd(report) {
      const file = resolve(options.outputDir, JUNIT_REPORT_FILE);
      await writeFileAtomic(file, serializeXml(junitDocument(report)));
      options.onWritten?.(file);
    },
  };
}

/** The JUnit document as an element tree: build the model, then serialise. */
function junitDocument(report: RunReport): XmlElement {
  const suites = CATEGORIES.map((category) => report.scenarios.filter((s) => s.category === category))
    .filter((scenarios) => scenarios.length > 0)
    .map((scenarios) => testsuite(scenarios, report));
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

function testsuite(scenarios: ScenarioReport[], report: RunReport): XmlElement {
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
    children: [{ name: 'properties', children: properties }, ...scenarios.map(testcase)],
  };
}

function counts(scenarios: readonly ScenarioReport[]): Record<string, number> {
  const summary = summarize(scenarios);
  return { tests: summary.total, failures: summary.fail, errors: summary.error, skipped: summary.skipped };
}

function testcase(scenario: ScenarioReport): XmlElement {
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
    ...attachments(scenario),
  ];
  if (out.length > 0) children.push({ name: 'system-out', text: out.join('\n\n') });
  if (scenario.evidence.appLog && scenario.verdict !== 'pass') {
    children.push({ name: 'system-err', text: stripAnsi(scenario.evidence.appLog) });
  }
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
function attachments(scenario: ScenarioReport): string[] {
  if (scenario.verdict === 'pass') return [];
  const { screenshot, trace } = scenario.evidence;
  const lines = [screenshot, trace].filter((path) => path !== undefined).map((path) => `[[ATTACHMENT|${path}]]`);
  return lines.length > 0 ? [lines.join('\n')] : [];
}

function property(name: string, value: string): XmlElement {
  return { name: 'property', attributes: { name, value } };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
