/**
 * A fetch that honours `Retry-After` on HTTP 429, with a bounded number of attempts and a timeout
 * per attempt.
 *
 * - 429 with Retry-After ≤ maxWaitMs: wait exactly that long, then try again.
 * - 429 with Retry-After > maxWaitMs: give up at once and hand the 429 back. Retrying sooner than the
 *   provider asked is precisely what Retry-After forbids; holding the browser longer is worse.
 * - 429 without a usable Retry-After: wait DEFAULT_WAIT_MS (RFC 6585 leaves the pause to the client).
 * - At most maxAttempts requests in all; the last 429 is returned for the caller to report.
 * - Every attempt gets its own timeout. The caller's signal (openid-client's and jose's are a single
 *   deadline created before the first attempt) is replaced, otherwise waiting out a Retry-After
 *   would use up the next attempt's time.
 * - Only 429 is retried: a 5xx or a network error may mean the request was processed (an
 *   authorization code redeemed), and retrying that is not safe.
 */
import type { Log } from './log.js';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly maxWaitMs: number;
  readonly attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 3,
  maxWaitMs: 10_000,
  attemptTimeoutMs: 5_000,
});

const DEFAULT_WAIT_MS = 1_000;

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export function retryAfterFetch(log: Log, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Fetch {
  return async (url, init) => {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(policy.attemptTimeoutMs) });
      if (response.status !== 429) return response;
      const header = response.headers.get('retry-after');
      const waitMs = retryAfterMs(header, Date.now());
      const where = `${init.method ?? 'GET'} ${new URL(url).pathname}`;
      if (attempt >= policy.maxAttempts) {
        log.note(`429 from ${where} (Retry-After: ${header ?? 'absent'}); attempt ${attempt}/${policy.maxAttempts}, giving up`);
        return response;
      }
      if (waitMs > policy.maxWaitMs) {
        log.note(`429 from ${where} (Retry-After: ${header}); longer than ${policy.maxWaitMs} ms, giving up`);
        return response;
      }
      // Release the connection before sleeping; the body of a 429 is of no use to us.
      await response.body?.cancel();
      log.note(`429 from ${where} (Retry-After: ${header ?? 'absent'}); waiting ${waitMs} ms before attempt ${attempt + 1}/${policy.maxAttempts}`);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  };
}

/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now: number): number {
  if (header === null) return DEFAULT_WAIT_MS;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_WAIT_MS : Math.max(0, date - now);
}
