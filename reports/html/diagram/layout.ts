import type { JournalEntry, ScenarioReport } from '../../model.js';
import { LANES, receiverOf, senderOf, type Lane } from './lanes.js';
import { findWrongTurn, isBadCertificate } from './wrong-turn.js';

/**
 * Lays out a scenario's journal as a sequence diagram, top to bottom in the order the provider
 * saw the requests. Positions only; svg.ts draws them. Per journal entry:
 *   request     sender → receiver, `METHOD path`, time since the first request in the gutter
 *   response    receiver ⇢ sender, status (Retry-After, or how the exchange broke off)
 *   fault notes one per fault applied to it: the injected fault, highlighted
 *   wrong turn  where the app went wrong (wrong-turn.ts), highlighted
 *   callback    browser ⇢ app, inferred: a redirect from the authorization endpoint that no
 *               further front-channel request follows went back to the app's redirect_uri
 */
export interface DiagramLayout {
  width: number;
  height: number;
  lanes: { lane: Lane; x: number }[];
  items: DiagramItem[];
}

export type Tone = 'fault' | 'wrong' | 'broken';

export type DiagramItem =
  | { type: 'message'; kind: 'request' | 'response' | 'inferred'; from: number; to: number; y: number; label: string; tooltip: string; tones: Tone[] }
  | { type: 'note'; x: number; y: number; text: string; tooltip: string; tone: Tone }
  | { type: 'time'; y: number; text: string };

/** Journals longer than this are cut: a diagram nobody can scroll through helps nobody. */
export const MAX_DRAWN_ENTRIES = 120;

const GUTTER = 64;
const FIRST_LANE_X = GUTTER + 70;
const LANE_GAP = 200;
const TOP = 64;
const REQUEST_H = 24;
const RESPONSE_H = 22;
const NOTE_H = 17;
/** A label may reach half a lane gap past each end of its arrow; its halo keeps it readable. */
const LABEL_SPILL = LANE_GAP / 2;
const BOTTOM = 16;
/** Average advance of 11px sans-serif text, regular and bold, to cut text before it runs over. */
const CHAR_W = 6.2;
const BOLD_CHAR_W = 6.9;

export function layoutDiagram(scenario: Pick<ScenarioReport, 'verdict' | 'diagnosis' | 'evidence'>): DiagramLayout {
  const journal = scenario.evidence.journal ?? [];
  const drawn = journal.slice(0, MAX_DRAWN_ENTRIES);
  const wrong = findWrongTurn(scenario);
  const laneX = (lane: Lane): number => FIRST_LANE_X + LANES.indexOf(lane) * LANE_GAP;
  const width = laneX('api') + 110;
  const start = drawn[0] ? Date.parse(drawn[0].time) : 0;
  const items: DiagramItem[] = [];
  let y = TOP;

  drawn.forEach((entry, i) => {
    const from = laneX(senderOf(entry));
    const to = laneX(receiverOf(entry));
    // A bad certificate is the injected fault even when no fault claims the connection.
    const faulted = entry.faults.length > 0 || isBadCertificate(entry);
    const culprit = wrong?.entryId === entry.id;

    y += REQUEST_H;
    items.push({ type: 'time', y, text: `+${((Date.parse(entry.time) - start) / 1000).toFixed(3)}s` });
    items.push({
      type: 'message',
      kind: 'request',
      from,
      to,
      y,
      label: fit(requestLabel(entry), Math.abs(to - from) + LABEL_SPILL),
      tooltip: requestTooltip(entry),
      tones: [...(faulted ? (['fault'] as const) : []), ...(culprit && wrong.at === 'request' ? (['wrong'] as const) : [])],
    });

    y += RESPONSE_H;
    const response = responseLabel(entry);
    items.push({
      type: 'message',
      kind: 'response',
      from: to,
      to: from,
      y,
      label: fit(response, Math.abs(to - from) + LABEL_SPILL),
      tooltip: `#${entry.id} → ${response} after ${entry.durationMs} ms`,
      tones: [...(faulted ? (['fault'] as const) : []), ...(entry.outcome && !entry.tls ? (['broken'] as const) : [])],
    });

    // Notes start at the first lane whatever the arrow spans: they need the width more than it.
    const noteX = FIRST_LANE_X + 8;
    for (const fault of entry.faults) {
      y += NOTE_H;
      const text = `⚡ ${fault.kind}: ${fault.effect}`;
      items.push({ type: 'note', x: noteX, y, text: fit(text, width - noteX, BOLD_CHAR_W), tooltip: `fault injected: ${fault.kind}: ${fault.effect}`, tone: 'fault' });
    }
    if (culprit) {
      y += NOTE_H;
      const text = `✗ went wrong here: ${wrong.reason}`;
      items.push({ type: 'note', x: noteX, y, text: fit(text, width - noteX, BOLD_CHAR_W), tooltip: text, tone: 'wrong' });
    }

    if (redirectsBackToApp(entry, drawn[i + 1])) {
      y += REQUEST_H;
      items.push({
        type: 'message',
        kind: 'inferred',
        from: laneX('browser'),
        to: laneX('app'),
        y,
        label: 'callback (inferred)',
        tooltip: `The ${entry.status} from the authorization endpoint sent the browser back to the app's redirect_uri; the provider does not see that request, so it is inferred.`,
        tones: [],
      });
    }
  });

  if (journal.length > drawn.length) {
    y += NOTE_H;
    const text = `… ${journal.length - drawn.length} more requests, listed in the journal table below`;
    items.push({ type: 'note', x: FIRST_LANE_X, y, text, tooltip: text, tone: 'broken' });
  }

  return { width, height: y + BOTTOM, lanes: LANES.map((lane) => ({ lane, x: laneX(lane) })), items };
}

function requestLabel(entry: JournalEntry): string {
  return entry.tls ? `TLS: ${entry.tls.certificate}` : `${entry.method} ${shortPath(entry.path)}`;
}

function requestTooltip(entry: JournalEntry): string {
  if (entry.tls) return `#${entry.id} TLS connection to the ${entry.tls.listener}-channel listener, which presented the ${entry.tls.certificate}`;
  const context = [entry.endpoint, entry.clientId && `client ${entry.clientId}`, entry.grantType].filter(Boolean).join(', ');
  return `#${entry.id} ${entry.method} ${entry.path} (${context})`;
}

function responseLabel(entry: JournalEntry): string {
  if (entry.tls) {
    if (entry.tls.handshake === 'failed') return `✕ handshake failed${entry.tls.alert ? `: ${entry.tls.alert}` : ''}`;
    return `handshake completed${entry.tls.protocol ? ` (${entry.tls.protocol})` : ''}${entry.tls.requestSent ? '' : ', no request sent'}`;
  }
  if (entry.outcome) return OUTCOMES[entry.outcome];
  return entry.retryAfter === undefined ? String(entry.status) : `${entry.status} Retry-After: ${entry.retryAfter}`;
}

const OUTCOMES: Record<NonNullable<JournalEntry['outcome']>, string> = {
  reset: '✕ connection reset',
  hang: '✕ no answer (hung)',
  aborted: '✕ the client gave up',
};

function redirectsBackToApp(entry: JournalEntry, next: JournalEntry | undefined): boolean {
  const redirected = entry.endpoint === 'authorize' && entry.status >= 300 && entry.status < 400;
  return redirected && (next === undefined || senderOf(next) !== 'browser');
}

/** Random path segments (interaction uids, codes) say nothing; keep their last characters. */
function shortPath(path: string): string {
  return path
    .split('?')[0]!
    .split('/')
    .map((segment) => (segment.length >= 24 ? `…${segment.slice(-4)}` : segment))
    .join('/');
}

/** Cuts a label to the room it has, with an ellipsis; the tooltip keeps the whole text. */
function fit(text: string, room: number, charWidth = CHAR_W): string {
  const max = Math.max(4, Math.floor((room - 12) / charWidth));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
