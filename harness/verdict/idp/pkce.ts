import type { JournalEntry } from '../../../mock-provider/common.js';
import { ruleOnly, withRule } from '../../scenario/severity.js';
import { authorizationRequests } from '../capabilities.js';
import type { Check } from '../check.js';
import { defineIdpExpectation } from '../expectation.js';

/**
 * pkce — PKCE with S256 (RFC 7636; RFC 9700 §2.1.1 makes it the norm for every client):
 *
 * - every authorization request the app started carried code_challenge_method=S256 (plain, or
 *   none, lets an attacker who sees the code redeem it);
 * - every code redemption (grant_type=authorization_code) carried a code_verifier;
 * - there was at least one authorization request, or there is nothing to judge.
 *
 * The app's own authorization requests are those with a response_type: the provider's resume of
 * a login (/auth/<uid>) carries none.
 */
export const pkceExpectation = defineIdpExpectation({
  args: ruleOnly()
    .describe('PKCE with S256 (RFC 7636, RFC 9700 §2.1.1): every authorization request carried code_challenge_method=S256 and every code redemption a code_verifier.'),
  model: (a) => withRule(a),
  judge: (_exp, e) => pkce(e.entries),
});

export function pkce(entries: readonly JournalEntry[]): Check {
  const expected = 'PKCE: code_challenge_method=S256 on every authorization request and a code_verifier on every code redemption';
  const authorizations = authorizationRequests(entries);
  const redemptions = entries.filter((e) => e.endpoint === 'token' && e.grantType === 'authorization_code');
  if (authorizations.length === 0) return { ok: false, expected, observed: 'the app sent no authorization request to judge' };
  const weak = authorizations.filter((e) => e.params?.code_challenge_method !== 'S256');
  const unverified = redemptions.filter((e) => e.params?.code_verifier !== true);
  const problems = [
    ...weak.map((e) => `an authorization request ${e.params?.code_challenge === true ? `with code_challenge_method=${String(e.params?.code_challenge_method ?? 'plain (absent)')}` : 'without a code_challenge'}`),
    ...unverified.map(() => 'a code redemption without a code_verifier'),
  ];
  return {
    ok: problems.length === 0,
    expected,
    observed:
      problems.length > 0
        ? [...new Set(problems)].join('; ')
        : `S256 on ${authorizations.length} authorization request(s), a code_verifier on ${redemptions.length} code redemption(s)`,
  };
}
