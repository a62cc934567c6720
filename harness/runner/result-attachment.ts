import type { TestInfo } from '@playwright/test';
import type { ScenarioReport } from '../../reports/index.js';

/**
 * A scenario's report travels from the worker that judged it to the reporter bridge as a
 * Playwright attachment of the scenario's test: written here, read here.
 */
const RESULT_ATTACHMENT = 'authfault-scenario';

/**
 * Pushed rather than `testInfo.attach()`ed: the same attachment, reaching the reporter the same
 * way, without the "Attach" step attach() opens around it, whose stack Playwright captures and
 * source-maps (a scenario's report is no step of it).
 */
export async function attachResult(testInfo: TestInfo, report: ScenarioReport): Promise<void> {
  // Past its time limit the scenario's verdict is the time-out (pw-reporter.ts): nothing found later is evidence.
  if (testInfo.status === 'timedOut') return;
  testInfo.attachments.push({ name: RESULT_ATTACHMENT, body: Buffer.from(JSON.stringify(report)), contentType: 'application/json' });
}

/** The report a test attached; undefined when it never got that far (a timeout, a crash). */
export function readResult(attachments: readonly { name: string; body?: Buffer }[]): ScenarioReport | undefined {
  const written = attachments.find((a) => a.name === RESULT_ATTACHMENT && a.body);
  return written ? (JSON.parse(written.body!.toString('utf8')) as ScenarioReport) : undefined;
}
