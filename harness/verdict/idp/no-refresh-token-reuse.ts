import type { JournalEntry } from '../../../mock-provider/common.js';
import { SCENARIO_DEFAULTS } from '../../scenario/defaults.js';
import { ruleOnly, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineIdpExpectation } from '../expectation.js';

/**
 * no-refresh-token-reuse — RFC 6749 §6: when the provider issues a new refresh token, "the client
 * MUST discard the old refresh token and replace it with the new refresh token".
 *
 * - A refresh token is replaced once a response that was sent for it, carrying another refresh
 *   token, has reached the client (the journal's request that presented it ended with a 200 that
 *   issued a new one). A refresh_token grant that starts after that and still presents the old
 *   token breaks the rule.
 * - Grants that left together are a stampede (single-flight-refresh), not this: a grant that
 *   starts within a second of the replacement's arrival may have been on its way before the client
 *   had read it, and which side of that instant a racing request falls on is chance, not the app's
 *   choice. A grant that starts later still presenting the old token is the app not replacing it.
 * - Tokens are compared by the fingerprints the journal keeps, never the tokens themselves.
 */
export const noRefreshTokenReuseExpectation = defineIdpExpectation({
  args: ruleOnly()
    .describe('RFC 6749 §6: once a new refresh token has reached the app, it never presents the old one again.'),
  model: (a) => withRule(a),
  judge: (_exp, e) => noRefreshTokenReuse(e.entries),
});

/** How long after a replacement arrived a grant with the old token may still be a racing one. */
const RACE_MS = SCENARIO_DEFAULTS.singleFlightWindowMs;

export function noRefreshTokenReuse(entries: readonly JournalEntry[]): Check {
  const grants = entries.filter((e) => e.endpoint === 'token' && e.presented?.refresh_token !== undefined);
  const ended = (e: JournalEntry) => Date.parse(e.time) + e.durationMs;
  /** For each refresh token, when the first response that replaced it ended. */
  const replacedAt = new Map<string, number>();
  for (const e of grants) {
    const old = e.presented!.refresh_token!;
    const next = e.issued?.refresh_token;
    if (e.status === 200 && next !== undefined && next !== old) replacedAt.set(old, Math.min(replacedAt.get(old) ?? Infinity, ended(e)));
  }
  const stale = grants.filter((e) => {
    const at = replacedAt.get(e.presented!.refresh_token!);
    return at !== undefined && Date.parse(e.time) > at + RACE_MS;
  });
  return {
    ok: stale.length === 0,
    expected: `a refresh token is never presented again once the token that replaced it has reached the app (more than ${RACE_MS} ms before)`,
    observed:
      stale.length > 0
        ? `${stale.length} refresh_token grant(s) presented a refresh token already replaced: ${stale
            .slice(0, 3)
            .map((e) => `#${e.id} (answered ${e.status || e.outcome || 'nothing'}), ${Date.parse(e.time) - replacedAt.get(e.presented!.refresh_token!)!} ms after its replacement arrived`)
            .join('; ')}`
        : `${grants.length} refresh_token grant(s); none presented a refresh token after its replacement had arrived`,
  };
}
