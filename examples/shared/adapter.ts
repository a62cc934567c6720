/**
 * The seam between the pages (shared by both apps) and the OIDC client code (one per app).
 *
 * The careful and the naive app differ only behind this interface, so a verdict that tells them
 * apart can only come from their OIDC code.
 */
import type { Problem } from './problem.js';
import type { Session } from './store.js';

export type Claims = Record<string, unknown>;

export interface TokenSet {
  readonly accessToken: string;
  /** The latest id_token: the hint for RP-initiated logout. */
  readonly idToken: string;
  readonly refreshToken?: string;
  /** Epoch ms; absent when the provider sent no expires_in (then only a 401 tells). */
  readonly expiresAt?: number;
}

/** What /login remembers until /callback; kept server-side, found again through a cookie. */
export interface LoginTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface SignedIn {
  /** The validated id_token claims. */
  readonly claims: Claims;
  readonly tokens: TokenSet;
}

export interface Refreshed {
  readonly tokens: TokenSet;
  /** Claims of a new, validated id_token (same `sub`), when the provider sent one. */
  readonly claims?: Claims;
}

export interface OidcAdapter {
  /** The authorization request URL (code flow, PKCE S256) and what to check at the callback. */
  startLogin(loginHint: string | undefined): Promise<{ url: URL; transaction: LoginTransaction }>;
  /** Validates the authorization response at `callbackUrl`, redeems the code, validates the tokens. */
  finishLogin(callbackUrl: URL, transaction: LoginTransaction): Promise<SignedIn>;
  /** Refresh grant; a new id_token must carry the same `sub`. */
  refresh(refreshToken: string, previous: TokenSet, sub: string): Promise<Refreshed>;
  /** Userinfo claims (`sub` must match); throws a Problem of kind `token-rejected` on HTTP 401. */
  userinfo(accessToken: string, sub: string): Promise<Claims>;
  /** The provider's end_session URL, or undefined when it lists no end_session_endpoint. */
  endSessionUrl(idToken: string): Promise<URL | undefined>;
  /**
   * Calls the protected API (`path` under API_URL) with the session's access token and returns its
   * JSON, recovering the way this app recovers from 401, 403 and 429; throws a Problem otherwise.
   * May replace `session.tokens` (a refresh).
   */
  callApi(session: Session, method: 'GET' | 'POST', path: string): Promise<unknown>;
  /** Turns anything the methods above threw into a Problem. */
  explain(err: unknown): Problem;
  /** Whether a userinfo 401 earns one refresh and one retry before the session is dropped. */
  readonly refreshOnRejectedToken: boolean;
}
