import type { JournalEntry } from '../../model.js';

/** The four parties of a flow, left to right in the diagram. */
export const LANES = ['browser', 'app', 'provider', 'api'] as const;
export type Lane = (typeof LANES)[number];

export const LANE_LABELS: Record<Lane, string> = { browser: 'Browser', app: 'App', provider: 'Provider', api: 'API' };

/**
 * Who sent a request the provider recorded. The provider sees only its own side, so the sender
 * is inferred from the endpoint, as the protocol fixes it:
 *   authorize, interaction, end_session        the browser, redirected by the app (front channel)
 *   token, userinfo, jwks, discovery,
 *   introspection, revocation, anything else   the app's server (back channel)
 *   api                                        the app's server, calling the mock resource API
 *   transport (a TLS connection)               whoever its listener serves: front → browser
 */
const FRONT_CHANNEL = new Set(['authorize', 'interaction', 'end_session']);

export function senderOf(entry: Pick<JournalEntry, 'endpoint' | 'tls'>): Lane {
  if (entry.tls) return entry.tls.listener === 'front' ? 'browser' : 'app';
  return FRONT_CHANNEL.has(entry.endpoint) ? 'browser' : 'app';
}

export function receiverOf(entry: Pick<JournalEntry, 'endpoint'>): Lane {
  return entry.endpoint === 'api' ? 'api' : 'provider';
}
