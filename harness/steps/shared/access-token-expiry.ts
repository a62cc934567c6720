import type { JournalEntry } from '../../../mock-provider/common.js';

/**
 * How much later than the provider sent it an app may read a token response and start counting
 * its expires_in: parsing it, checking the id_token, a JWKS fetch on a loaded machine. An app
 * that answered the page that brought the token before the wait began had read it by then, so
 * the margin only applies up to that point (see accessTokenExpiry).
 */
export const APP_READ_MARGIN_MS = 500;

/** When the access token an app holds has expired for the provider and for the app alike. */
export interface AccessTokenExpiry {
  /** Epoch ms from which the wait is over. */
  at: number;
  /** The token, for messages: "the access token of the token response at 13:20:01.123 (journal #7)". */
  token: string;
  /** Its lifetime as expires_in said it, seconds. */
  expiresIn: number;
}

/** Why there is no expiry to wait for: no access token issued, or one without expires_in. */
export type NoExpiry = { error: string };

/**
 * The expiry of the access token issued last in the scenario (by a token response that has
 * ended; `entries` are the scenario's), as both sides reckon it:
 *
 * - The provider: the token's `exp` is its `iat` (whole seconds, not later than it was made)
 *   plus the lifetime, so it has passed by the time the response ended plus expires_in (from
 *   then introspection says inactive and the mock API refuses it; oidc-provider's own UserInfo
 *   and refresh grant allow its 15 s clock tolerance, which no scenario waits out).
 * - The app: it counts expires_in from when it read the response, which is no earlier than the
 *   provider sent it and no later than `now` (the app answered the page that got the token
 *   before this step began) nor than APP_READ_MARGIN_MS after it was sent. Libraries that keep
 *   whole seconds (openid-client's TokenSet, mod_auth_openidc) round that moment down, and those
 *   that then compare strictly take up to a second more (wholeSecondsExpiry).
 */
export function accessTokenExpiry(entries: readonly JournalEntry[], now: number): AccessTokenExpiry | NoExpiry {
  const issued = entries.filter((e) => e.endpoint === 'token' && e.status === 200 && e.issued?.access_token);
  const last = issued.at(-1);
  if (!last) return { error: noTokenIssued(entries) };
  const sentAt = Date.parse(last.time) + last.durationMs;
  const token = `the access token of the token response at ${clock(sentAt)} (journal #${last.id})`;
  const expiresIn = last.issued?.expires_in;
  if (expiresIn === undefined) {
    return {
      error: `${token} came without expires_in, so neither the app nor this step can tell when it expires; give it a lifetime with a token.ttl fault ({ kind: token.ttl, token: access_token, seconds: 2 })`,
    };
  }
  const readBy = Math.max(sentAt, Math.min(now, sentAt + APP_READ_MARGIN_MS));
  return { at: wholeSecondsExpiry(readBy, expiresIn), token, expiresIn };
}

/**
 * When an app that read the token by `readBy` takes it as expired, whichever way it counts: one
 * that keeps milliseconds at readBy + expires_in; one that keeps whole seconds (the moment it read
 * it rounded down, plus expires_in) and compares strictly — expired once the clock's whole
 * second is past that — only at the next whole second after it, up to a second later. The later
 * of the two, and a little more for the second to have turned on the app's side too. (A wait that
 * ended at readBy + expires_in once found the apache-oidc target, mod_auth_openidc, not yet
 * refreshing in profile-burst-single-refresh; that run also had the parallel step's spread-out
 * loads, fixed since, so this bound stands on how whole-second clients count, not on that run.)
 */
export function wholeSecondsExpiry(readBy: number, expiresIn: number): number {
  return (Math.floor(readBy / 1000) + expiresIn + 1) * 1000 + SECOND_TURNED_MS;
}

/** After a whole second turns, how long until every process on the machine has seen it turn. */
const SECOND_TURNED_MS = 20;

function noTokenIssued(entries: readonly JournalEntry[]): string {
  const tokenRequests = entries.filter((e) => e.endpoint === 'token');
  const answered = tokenRequests.map((e) => (e.status === 0 ? (e.outcome ?? 'still open') : String(e.status)));
  const seen = tokenRequests.length === 0 ? 'the provider saw no token request' : `the provider answered ${tokenRequests.length} token request(s) with no access token (${answered.join(', ')})`;
  return `no access token was issued in this scenario before this step (${seen}), so there is none to wait out; wait until access-token-expired follows a login that completes`;
}

/** 12:04:05.123, in UTC as the journal's times are. */
function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}
