import type { JournalEntry } from '../../../mock-provider/common.js';
import { ruleOnly, withRule } from '../../scenario/severity.js';
import type { Check } from '../check.js';
import { defineIdpExpectation } from '../expectation.js';

/**
 * tls-refused — every back-channel connection that met a bad certificate (tls.* faults) ended
 * without a request: the client refused it, with an alert or by closing after the handshake.
 */
export const tlsRefusedExpectation = defineIdpExpectation({
  args: ruleOnly().describe('Every connection that met a bad certificate was refused: the app sent no request over it.'),
  model: (a) => withRule(a),
  judge: (_exp, e) => tlsRefused(e.entries),
});

export function tlsRefused(entries: readonly JournalEntry[]): Check {
  const bad = entries.filter((e) => e.tls?.listener === 'back' && !e.tls.certificate.startsWith('valid'));
  const accepted = bad.filter((e) => e.tls!.requestSent);
  const refusals = bad.filter((e) => !e.tls!.requestSent).map((e) => e.tls!.alert ?? 'closed after the handshake without a request');
  return {
    ok: accepted.length === 0,
    expected: 'the app refuses the bad certificate: no request over a connection that presented it',
    observed:
      accepted.length > 0
        ? `the app accepted the ${accepted[0]!.tls!.certificate}: it sent requests over ${accepted.length} such connection(s)`
        : bad.length === 0
          ? 'no connection met the bad certificate'
          : `refused all ${bad.length} connection(s) that presented the ${bad[0]!.tls!.certificate} (${[...new Set(refusals)].join('; ')})`,
  };
}
