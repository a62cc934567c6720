import type { JournalEntry } from '../../../mock-provider/common.js';
import { ruleOnly, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineIdpExpectation } from '../expectation.js';

/**
 * no-code-reuse — RFC 6749 §4.1.2: "The client MUST NOT use the authorization code more than
 * once." No authorization code was presented at the token endpoint twice.
 *
 * - Codes are compared by the fingerprint the journal keeps of each (never the code itself), so
 *   an app that starts a fresh login and redeems its new code has used each code once.
 * - A presentation the provider says it did not act on is no use: a 429 (rate limited), a 503
 *   (unavailable) or a 401 invalid_client (client authentication fails before the grant is looked
 *   at) — waiting out a 429 and presenting the code again is what rate-limit-token expects.
 * - A retry after a 500, a reset, a closed connection or the app's own timeout re-presents a code
 *   the provider may well have redeemed: that is a second use.
 */
export const noCodeReuseExpectation = defineIdpExpectation({
  args: ruleOnly()
    .describe('RFC 6749 §4.1.2: no authorization code was presented at the token endpoint more than once (a fresh login with a new code is fine).'),
  model: (a) => withRule(a),
  judge: (_exp, e) => noCodeReuse(e.entries),
});

/** The provider's answer says it did not act on the request, so the code was not used. */
function notActedOn(e: JournalEntry): boolean {
  return e.status === 429 || e.status === 503 || e.status === 401;
}

export function noCodeReuse(entries: readonly JournalEntry[]): Check {
  const redemptions = entries.filter((e) => e.endpoint === 'token' && e.presented?.code !== undefined && !notActedOn(e));
  const byCode = new Map<string, JournalEntry[]>();
  for (const e of redemptions) byCode.set(e.presented!.code!, [...(byCode.get(e.presented!.code!) ?? []), e]);
  const reused = [...byCode.values()].filter((uses) => uses.length > 1);
  return {
    ok: reused.length === 0,
    expected: 'no authorization code is presented more than once',
    observed:
      reused.length > 0
        ? reused.map((uses) => `one code presented ${uses.length} times (requests ${uses.map((e) => `#${e.id} answered ${e.status || e.outcome || 'nothing'}`).join(', ')})`).join('; ')
        : `${redemptions.length} code redemption(s), each with a code of its own`,
  };
}
