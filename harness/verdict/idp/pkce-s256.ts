import type { JournalEntry } from '../../../mock-provider/common.js';
import { ruleOnly, withRule } from '../../scenario/severity.js';
import { authorizationRequests } from '../capabilities.js';
import type { Check } from '../check.js';
import { defineIdpExpectation } from '../expectation.js';

/**
 * pkce-s256 — RFC 7636 §4.2: "If the client is capable of using "S256", it MUST use "S256"".
 *
 * - Every authorization request that carries a code_challenge names code_challenge_method=S256
 *   (without the parameter the method is `plain`).
 * - An app that sends no code_challenge at all is not judged by this rule (whether to use PKCE is
 *   `pkce`'s question).
 */
export const pkceS256Expectation = defineIdpExpectation({
  args: ruleOnly()
    .describe('RFC 7636 §4.2: every authorization request with a code_challenge uses code_challenge_method=S256, never plain.'),
  model: (a) => withRule(a),
  judge: (_exp, e) => pkceS256(e.entries),
});

export function pkceS256(entries: readonly JournalEntry[]): Check {
  const challenged = authorizationRequests(entries).filter((e) => e.params?.code_challenge === true);
  const plain = challenged.filter((e) => e.params?.code_challenge_method !== 'S256');
  return {
    ok: plain.length === 0,
    expected: 'every code_challenge uses the S256 method',
    observed:
      plain.length > 0
        ? `${plain.length} authorization request(s) with code_challenge_method=${String(plain[0]!.params?.code_challenge_method ?? 'plain (absent)')}`
        : challenged.length > 0
          ? `S256 on all ${challenged.length} authorization request(s) with a code_challenge`
          : 'no authorization request carried a code_challenge (the app does not use PKCE: see the pkce rule)',
  };
}
