import type { NavOutcome } from '../../drivers/http/agent.js';
import type { ScenarioContext } from '../step.js';

/**
 * A load that failed or outlived its step is the app's behaviour (a reset, a hang), not a broken
 * step: it is noted for the judge, not thrown. The browser's words and the http agent's are
 * the same, so both drivers' diagnoses read alike.
 */
export function noteFailure(ctx: Pick<ScenarioContext, 'obs'>, what: string) {
  return (error: Error) => {
    ctx.obs.notes.push(`${what} failed: ${error.message.split('\n')[0]}`);
  };
}

/** The same for the http agent, whose loads end in an outcome rather than a thrown error. */
export function noteOutcome(ctx: Pick<ScenarioContext, 'obs' | 'timeoutMs'>, what: string, outcome: NavOutcome): void {
  if (outcome.kind === 'failed') ctx.obs.notes.push(`${what} failed: ${outcome.error} at ${outcome.url}`);
  if (outcome.kind === 'timeout') ctx.obs.notes.push(`${what} failed: no answer from ${outcome.url} within ${ctx.timeoutMs} ms`);
}
