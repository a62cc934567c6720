import { PassThrough } from 'node:stream';
import type { Reporter } from '../../reports/reporter.js';
import type { RunReport } from '../../reports/model.js';

/** Plays a finished run through a reporter's hooks in the order the harness calls them. */
export async function drive(reporter: Reporter, report: RunReport): Promise<void> {
  const total = report.scenarios.length;
  await reporter.onBegin?.({ run: report.run, total });
  report.scenarios.forEach((scenario, i) => {
    reporter.onScenarioBegin?.(scenario);
    reporter.onScenarioEnd?.(scenario, { done: i + 1, total });
  });
  await reporter.onEnd?.(report);
}

/** A PassThrough to hand to a reporter as its stream; `text()` returns everything written. */
export function captureStream(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  stream.setEncoding('utf8');
  let seen = '';
  return {
    stream,
    text() {
      seen += (stream.read() as string | null) ?? '';
      return seen;
    },
  };
}
