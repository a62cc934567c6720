/** What every journal of a process holds at most together (the default issuer's and the tenants'), as their JSON. */
export const JOURNAL_TOTAL_BYTES = 32 * 1024 * 1024;

/** What the budget asks of a journal: its size, and to drop its oldest entries. */
export interface BudgetedJournal {
  readonly bytes: number;
  /** Drop the oldest entries (never the newest) until at least `bytes` are gone; what was dropped (not reported back through changed()). */
  shed(bytes: number): number;
}

/**
 * The bytes of every journal of one provider process, bounded together: each issuer holds at most
 * its own limit (JOURNAL_LIMITS), and 100 tenants at 8 MiB each would still be 800 MiB. Past the
 * total by a tenth, the largest journals give up their oldest entries first, down to the total: a
 * tenant flooded by a scanner loses its own history before a quiet issuer loses the evidence of
 * the scenario it is running.
 */
export class JournalBudget {
  readonly #journals = new Set<BudgetedJournal>();
  #bytes = 0;

  constructor(readonly limit: number = JOURNAL_TOTAL_BYTES) {}

  /** The bytes every journal holds together. */
  get bytes(): number {
    return this.#bytes;
  }

  join(journal: BudgetedJournal): void {
    this.#journals.add(journal);
  }

  /** A journal that is gone (a removed tenant): what it held no longer counts. */
  leave(journal: BudgetedJournal): void {
    if (this.#journals.delete(journal)) this.#bytes -= journal.bytes;
  }

  /** A journal's size changed by `delta` bytes; settle when the total is past the limit. */
  changed(delta: number): void {
    this.#bytes += delta;
    // Trimming once a tenth past the limit, as a journal does, keeps the search for the largest off most requests.
    if (this.#bytes <= this.limit * 1.1) return;
    while (this.#bytes > this.limit) {
      const [largest, next] = [...this.#journals].sort((a, b) => b.bytes - a.bytes);
      if (!largest) return;
      const over = this.#bytes - this.limit;
      // Down to the next largest's size, or a fair share of what is over, and no more than that.
      const want = Math.min(over, Math.max(largest.bytes - (next?.bytes ?? 0), Math.ceil(over / this.#journals.size)));
      const shed = largest.shed(want);
      // A journal down to its newest entry sheds nothing: what is over stays until it grows again.
      if (shed === 0) return;
      this.#bytes -= shed;
    }
  }
}
