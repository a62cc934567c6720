import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { SCENARIO_DEFAULTS } from '../scenario/defaults.js';
import { oneOf } from '../util/one-of.js';
import { accessTokenExpiry, APP_READ_MARGIN_MS } from './shared/access-token-expiry.js';
import { defineStep, type ScenarioContext } from './step.js';

const MAX_S = SCENARIO_DEFAULTS.maxWaitMs / 1000;

/** What `wait: { until: … }` waits out: the lifetimes the journal shows. */
export const WAIT_UNTIL = ['access-token-expired'] as const;

export type Wait = { ms: number } | { until: (typeof WAIT_UNTIL)[number]; timeoutMs: number };

const args = z
  .strictObject({
    ms: z.int().min(1).max(SCENARIO_DEFAULTS.maxWaitMs).optional().describe(`Milliseconds, at most ${SCENARIO_DEFAULTS.maxWaitMs}.`),
    seconds: z.number().positive().max(MAX_S).optional().describe(`Seconds, at most ${MAX_S}.`),
    until: z
      .enum(WAIT_UNTIL)
      .optional()
      .describe(
        `access-token-expired: until the access token the provider issued last in this scenario has expired — its exp has passed, and an app that counts expires_in from when it read the response (up to ${APP_READ_MARGIN_MS} ms after it was sent) takes it as expired; read from the journal's token response.`,
      ),
    timeout_ms: z
      .int()
      .min(1)
      .max(SCENARIO_DEFAULTS.maxWaitMs)
      .optional()
      .describe(`With until: fail the step at once, without waiting, when the token expires later than this from now; default ${SCENARIO_DEFAULTS.stepTimeoutMs}.`),
  })
  .superRefine(oneOf(['ms', 'seconds', 'until'], { missing: 'wait needs ms, seconds or until', conflicting: 'wait waits one way: ms, seconds or until, not several' }))
  .superRefine((value, ctx) => {
    if (value.timeout_ms !== undefined && value.until === undefined) {
      ctx.addIssue({ code: 'custom', path: ['timeout_ms'], message: 'timeout_ms only bounds wait: { until: … }; ms and seconds are exact already', params: { code: 'CONFLICTING_KEYS' } });
    }
  });

/**
 * wait — let time pass, for a lifetime that must run out in real time (an access token the fault
 * made expire in 2 s, a Retry-After window).
 *
 * - Never a way to wait for the app: `wait-for` returns as soon as what it waits for has
 *   happened; a sleep is either too long (slow suites) or too short (flaky ones).
 * - `until: access-token-expired` ends on evidence rather than a guess: the token response in
 *   the journal says when it was sent and how long the token lives (access-token-expiry.ts).
 *   Without one (no login completed, no expires_in, a lifetime past timeout_ms) the step fails at
 *   once, saying why, instead of waiting.
 * - Capped, because a long lifetime is shortened by the fault rather than waited out.
 * - The runner lengthens the scenario's time limit by every wait.
 */
export const wait = defineStep({
  args,
  model: (a): Wait => {
    if (a.until !== undefined) return { until: a.until, timeoutMs: a.timeout_ms ?? SCENARIO_DEFAULTS.stepTimeoutMs };
    return { ms: a.ms ?? Math.round(a.seconds! * 1000) };
  },
  title: (w) => ('until' in w ? 'wait until the access token has expired' : w.ms % 1000 === 0 ? `wait ${w.ms / 1000} s` : `wait ${w.ms} ms`),
  waitsMs: (w) => ('until' in w ? w.timeoutMs : w.ms),
  browser: (w, ctx) => waitOut(w, ctx),
  http: (w, ctx) => waitOut(w, ctx),
});

/** The same in both drivers: neither looks at the user agent while it waits. */
async function waitOut(w: Wait, ctx: Pick<ScenarioContext, 'idp' | 'journalSince'>): Promise<void> {
  if ('ms' in w) return void (await sleep(w.ms));
  const now = Date.now();
  const expiry = accessTokenExpiry(ctx.idp.journal.entries(ctx.journalSince), now);
  if ('error' in expiry) throw new Error(expiry.error);
  const left = expiry.at - now;
  if (left > w.timeoutMs) {
    throw new Error(
      `${expiry.token} lives ${expiry.expiresIn} s (expires_in) and expires ${Math.ceil(left / 1000)} s from now, later than timeout_ms ${w.timeoutMs} allows; shorten its lifetime with a token.ttl fault ({ kind: token.ttl, token: access_token, seconds: 2 })`,
    );
  }
  if (left > 0) await sleep(left);
}
