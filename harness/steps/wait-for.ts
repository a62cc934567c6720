import { setTimeout as sleep } from 'node:timers/promises';
import type { JournalEntry } from '../../mock-provider/common.js';
import { SCENARIO_DEFAULTS } from '../scenario/defaults.js';
import { describeRequestMatch } from '../scenario/step-args/wait-for.js';
import type { RequestMatch } from '../scenario/types.js';
import { urlPattern } from '../scenario/url-pattern.js';
import type { StepContext } from './context.js';

/**
 * wait-for — return as soon as the page shows the text, its URL matches, or the journal holds
 * the request(s); fail the step when timeoutMs passes first. Requests count from the start of
 * the scenario, so one that came before this step (during a login, say) is already there.
 */
export async function waitFor(step: { text?: string; url?: string; request?: RequestMatch; timeoutMs: number }, ctx: StepContext): Promise<void> {
  const { page } = ctx;
  const timeout = step.timeoutMs;
  if (step.text !== undefined) {
    const shown = await page
      .getByText(step.text)
      .first()
      .waitFor({ state: 'visible', timeout })
      .then(() => true, () => false);
    if (!shown) throw new Error(`the page did not show ${JSON.stringify(step.text)} within ${timeout} ms (it is at ${page.url()})`);
  }
  if (step.url !== undefined) {
    const pattern = urlPattern(step.url);
    const reached = await page
      .waitForURL((u) => (typeof pattern === 'string' ? u.href.includes(pattern) : pattern.test(u.href)), { timeout, waitUntil: 'commit' })
      .then(() => true, () => false);
    if (!reached) throw new Error(`the browser did not reach a URL matching ${step.url} within ${timeout} ms (it is at ${page.url()})`);
  }
  if (step.request !== undefined) await waitForRequests(step.request, ctx, timeout);
}

/** Until the provider's journal holds `match.count` matching requests since the scenario began; both drivers' wait-for. */
export async function waitForRequests(match: RequestMatch, ctx: Pick<StepContext, 'idp' | 'journalSince'>, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen = 0;
  for (;;) {
    seen = ctx.idp.journal.entries(ctx.journalSince).filter((e) => matches(match, e)).length;
    if (seen >= match.count || Date.now() >= deadline) break;
    await sleep(SCENARIO_DEFAULTS.pollMs);
  }
  if (seen < match.count) {
    throw new Error(`the provider did not see ${describeRequestMatch(match)} within ${timeout} ms (${seen} so far)`);
  }
}

/** A request still open (status 0) matches unless a status is asked for. */
export function matches(match: RequestMatch, e: JournalEntry): boolean {
  return (
    e.endpoint === match.endpoint &&
    (match.grant_type === undefined || e.grantType === match.grant_type) &&
    (match.status === undefined || e.status === match.status)
  );
}
