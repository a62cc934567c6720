/** One server-sent event as a browser's EventSource would dispatch it. */
export interface SseEvent {
  event: string;
  data: any;
}

/**
 * Reads a text/event-stream over fetch, the way EventSource parses it, and lets a test wait
 * (boundedly) for the event it expects.
 */
export class EventReader {
  readonly events: SseEvent[] = [];
  #waiters = new Set<() => void>();
  #controller = new AbortController();

  private constructor(readonly response: Response) {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventReader> {
    const controller = new AbortController();
    const response = await fetch(url, { headers, signal: controller.signal });
    const reader = new EventReader(response);
    reader.#controller = controller;
    if (response.ok) void reader.#pump();
    return reader;
  }

  async #pump() {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of this.response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (event) this.events.push({ event, data: JSON.parse(data) });
        }
        for (const wake of this.#waiters) wake();
      }
    } catch {
      // Aborted by close().
    }
  }

  /** The first event at or after `from` that matches, waiting up to `timeoutMs` for it. */
  next(predicate: (e: SseEvent) => boolean, from = 0, timeoutMs = 5_000): Promise<SseEvent & { index: number }> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const index = this.events.findIndex((e, i) => i >= from && predicate(e));
        if (index < 0) return false;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve({ ...this.events[index]!, index });
        return true;
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`no matching event within ${timeoutMs} ms; got: ${this.events.map((e) => e.event).join(', ')}`));
      }, timeoutMs);
      if (!check()) this.#waiters.add(check);
    });
  }

  close(): void {
    this.#controller.abort();
  }
}
