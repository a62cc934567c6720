/**
 * Keeping a session's tokens usable: refresh when the access token has expired, and at most one
 * refresh in flight per session, so a burst of requests on an expired token costs the provider one
 * refresh grant (and a rotated refresh token is never used twice).
 */
import type { OidcAdapter, TokenSet } from './adapter.js';
import { Problem } from './problem.js';
import type { Session } from './store.js';

/** Refresh a little early: a token that expires while the request is in flight is as bad. */
const EXPIRY_MARGIN_MS = 5_000;

export function isExpired(tokens: TokenSet, now = Date.now()): boolean {
  return tokens.expiresAt !== undefined && now >= tokens.expiresAt - EXPIRY_MARGIN_MS;
}

/**
 * Refreshes the session's tokens unless `stale` says they are fine by now, which is the case when
 * another request refreshed them while this one waited.
 */
export async function refreshIf(session: Session, adapter: OidcAdapter, stale: (tokens: TokenSet) => boolean): Promise<void> {
  while (session.refreshing !== undefined) await session.refreshing;
  if (!stale(session.tokens)) return;
  session.refreshing = refresh(session, adapter);
  try {
    await session.refreshing;
  } finally {
    session.refreshing = undefined;
  }
}

async function refresh(session: Session, adapter: OidcAdapter): Promise<void> {
  const refreshToken = session.tokens.refreshToken;
  if (refreshToken === undefined) {
    throw new Problem('denied', 'no-refresh-token', 'the access token expired and the provider issued no refresh token');
  }
  const refreshed = await adapter.refresh(refreshToken, session.tokens, session.sub);
  session.tokens = refreshed.tokens;
  // A refreshed id_token may carry fewer claims (just sub and protocol claims): keep what we knew.
  if (refreshed.claims !== undefined) session.claims = { ...session.claims, ...refreshed.claims };
}
