import type { Request, Response } from 'express';
import type { ClientConfig, UserConfig } from '../config/schema.js';
import type { FaultView } from '../faults/store.js';
import type { MockProviderHandle } from '../types.js';
import { debugLog } from '../util/debug-log.js';
import { AuthfaultError } from '../util/errors.js';
import type { JournalEntry } from './journal.js';

/** What the provider tells watchers of the control API (the admin page) as it happens. */
export type ControlEvent =
  | { type: 'journal'; phase: 'start' | 'end'; entry: JournalEntry }
  | { type: 'journal-cleared' }
  | { type: 'faults'; faults: FaultView[] }
  | { type: 'users'; users: UserConfig[] }
  | { type: 'clients'; clients: ClientConfig[] }
  | { type: 'reset' };

type Listener = (event: ControlEvent) => void;

/**
 * A fan-out of control events; costs a loop over an empty set while nobody watches. Events are
 * emitted in the middle of requests (a journal entry ending): a watcher that throws is dropped,
 * never allowed to fail the request or, from an event handler, take the process down.
 */
export class ControlEvents {
  #listeners = new Set<Listener>();

  emit(event: ControlEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#listeners.delete(listener);
        debugLog(`a watcher of the control events failed on a ${event.type} event and was dropped`, error);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** Entries replayed to a new stream at most: a page shows the recent past, not a benchmark's 10,000. */
export const REPLAY_LIMIT = 500;
const HEARTBEAT_MS = 15_000;

/**
 * GET /__authfault/events: server-sent events.
 *
 * - On connect: `faults` (the current list), then with `?since=N` the journal entries after N
 *   (the latest 500 at most) as `journal` events, then `ready` with the journal's last id.
 * - Then live: `journal` (`{phase: "start"|"end", entry}`, an entry as GET /journal shows it),
 *   `faults` (the whole list, also after each request while faults are set, so matched and
 *   applied counts stay current), `users`, `clients`, `journal-cleared`, `reset`.
 * - The stream is subscribed before the replay is written, and Node runs both in one turn, so
 *   no entry falls between them.
 */
export function eventStream(handle: () => MockProviderHandle, events: ControlEvents) {
  return (req: Request, res: Response) => {
    const raw = req.query.since ?? req.headers['last-event-id'];
    const since = raw === undefined ? undefined : Number(raw);
    if (since !== undefined && (!Number.isInteger(since) || since < 0)) {
      throw new AuthfaultError('AUTHFAULT_BAD_REQUEST', '`since` must be a journal entry id (a whole number ≥ 0)');
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // JSON.stringify escapes CR and LF, so one `data:` line always holds one event.
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const h = handle();
    const unsubscribe = events.subscribe((e) => {
      try {
        const { type, ...data } = e;
        send(type, data);
        if (e.type === 'journal' && e.phase === 'end') {
          const faults = h.faults.list();
          if (faults.length > 0 || e.entry.faults.length > 0) send('faults', { faults });
        }
      } catch (error) {
        // The page reconnects (retry: 1000) and starts again from the journal.
        res.end();
        throw error;
      }
    });
    res.write('retry: 1000\n\n');
    send('faults', { faults: h.faults.list() });
    if (since !== undefined) {
      for (const entry of h.journal.entries(since).slice(-REPLAY_LIMIT)) send('journal', { phase: entry.status ? 'end' : 'start', entry });
    }
    send('ready', { lastId: h.journal.lastId });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  };
}
