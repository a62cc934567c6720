import type { JournalEntry } from '../../mock-provider/common.js';
import type { OrderItem } from '../scenario/types.js';
import type { Check } from './check.js';
import { endpointWords } from './journal-checks.js';

/**
 * order — the requests appear in the journal in this order, other requests allowed between them:
 * each item is looked for after the one matched before it. The first item that cannot be found
 * there is reported, with where it did occur (earlier, or never).
 */
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
