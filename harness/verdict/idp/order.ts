import { z } from 'zod';
import { GRANT_TYPES, type InjectionPoint, type JournalEntry } from '../../../mock-provider/common.js';
import { journalEndpoint as endpoint } from '../../scenario/endpoints.js';
import { rule, withRule } from '../../scenario/severity.js';
import { grantTypeOnlyAtToken } from '../../util/one-of.js';
import type { Check } from '../check.js';
import { defineIdpExpectation } from '../expectation.js';
import { endpointWords } from '../journal-words.js';

/** One entry of an `order` expectation: a request to this endpoint (of this grant_type). */
export interface OrderItem {
  endpoint: InjectionPoint;
  grant_type?: string;
}

// In every union the mapping form comes first: given a mapping, its issues are the ones reported.
const orderItem = z
  .union([z.strictObject({ endpoint, grant_type: z.enum(GRANT_TYPES).optional().describe('Only token requests with this grant_type.') }).superRefine(grantTypeOnlyAtToken), endpoint])
  .describe('An endpoint, or { endpoint: token, grant_type: refresh_token }.');

const orderList = z.array(orderItem).min(2).describe('The requests, first to last.');

/**
 * order — the requests appear in the journal in this order, other requests allowed between them:
 * each item is looked for after the one matched before it. The first item that cannot be found
 * there is reported, with where it did occur (earlier, or never).
 */
export const orderExpectation = defineIdpExpectation({
  args: z
    .union([orderList, z.strictObject({ requests: orderList, ...rule })])
    .describe('These requests happened in this order (other requests may come between): `order: [discovery, authorize, token]`.'),
  model: (a) => (Array.isArray(a) ? { items: orderItems(a) } : { items: orderItems(a.requests), ...withRule(a) }),
  judge: (exp, e) => order(exp.items, e.entries),
});

function orderItems(items: z.output<typeof orderList>): OrderItem[] {
  return items.map((i) => (typeof i === 'string' ? { endpoint: i } : i));
}

export function order(items: readonly OrderItem[], entries: readonly JournalEntry[]): Check {
  const expected = `requests in this order: ${items.map(describeItem).join(' → ')}`;
  let from = 0;
  for (const [i, item] of items.entries()) {
    const at = entries.findIndex((e, k) => k >= from && matches(item, e));
    if (at === -1) {
      // Only an item after the first can be missing here while present earlier in the journal.
      const earlier = entries.some((e) => matches(item, e));
      return {
        ok: false,
        expected,
        observed: earlier ? `the ${describeItem(item)} came only before the ${describeItem(items[i - 1]!)}` : `no ${describeItem(item)}`,
      };
    }
    from = at + 1;
  }
  return { ok: true, expected, observed: `the requests came in order: ${items.map(describeItem).join(' → ')}` };
}

function matches(item: OrderItem, e: JournalEntry): boolean {
  return e.endpoint === item.endpoint && (item.grant_type === undefined || e.grantType === item.grant_type);
}

function describeItem(item: OrderItem): string {
  return `${endpointWords(item.endpoint)} request${item.grant_type ? ` (${item.grant_type})` : ''}`;
}
