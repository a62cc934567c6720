import type { Bounded } from '../../drivers/browser/bounded.js';
import type { NavOutcome } from '../../drivers/http/agent.js';
import type { ScenarioContext } from '../step.js';

/**
 * A load that failed or outlived its step is the app's behaviour (a reset, a hang), not a broken
 * step: it is noted for the judge, not thrown. The browser's words and the http agent's are
 * the same, so both drivers' diagnoses read alike.
 */
export function noteFailure(ctx: Pick<ScenarioContext, 'obs'>, what: string) {
  return (error: Error) => {
    // "page.goto: net::ERR_CONNECTION_RESET at …": the error, without the Playwright call it came from.
    ctx.obs.notes.push(`${what} failed: ${error.message.split('\n')[0]!.replace(/^[a-z]+\.[a-zA-Z]+: /, '')}`);
  };
}

/** A load still waiting for an answer from `url` when the step's time ran out. */
export function noteWaiting(ctx: Pick<ScenarioContext, 'obs' | 'timeoutMs'>, what: string, url: string): void {
  ctx.obs.notes.push(`${what} failed: no answer from ${url} within ${ctx.timeoutMs} ms`);
}

/** The browser's bounded action: true when its load is still waiting (noted), so the step goes no further. */
export function noteBounded(ctx: Pick<ScenarioContext, 'obs' | 'timeoutMs'>, what: string, outcome: Bounded): boolean {
  if (outcome.waiting === undefined) return false;
  noteWaiting(ctx, what, outcome.waiting);
  return true;
}

/** The same for the http agent, whose loads end in an outcome rather than a thrown error. */
export function noteOutcome(ctx: Pick<ScenarioContext, 'obs' | 'timeoutMs'>, what: string, outcome: NavOutcome): void {
  if (outcome.kind === 'failed') ctx.obs.notes.push(`${what} failed: ${outcome.error} at ${outcome.url}`);
  if (outcome.kind === 'timeout') noteWaiting(ctx, what, outcome.url);
}
