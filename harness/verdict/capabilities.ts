import type { JournalEntry } from '../../mock-provider/common.js';
import type { Capability } from '../scenario/types.js';

/** A capability the scenario requires that the app did not use, and what that means. */
export interface MissingCapability {
  capability: Capability;
  /** What the journal shows, in plain words. */
  observed: string;
  /** Why the scenario then says nothing about the app. */
  why: string;
}

/**
 * The first of `requires` the app did not use in this scenario, read from the journal; undefined
 * when it used them all — or when the journal cannot tell (the app never asked the provider
 * anything of the kind), which leaves the scenario to be judged, or skipped for its faults.
 */
export function missingCapability(requires: readonly Capability[], entries: readonly JournalEntry[]): MissingCapability | undefined {
  for (const capability of requires) {
    const missing = CHECKS[capability](entries);
    if (missing) return { capability, ...missing };
  }
  return undefined;
}

/** The app's own authorization requests (the provider's resume after its login page carries no response_type). */
export function authorizationRequests(entries: readonly JournalEntry[]): JournalEntry[] {
  return entries.filter((e) => e.endpoint === 'authorize' && typeof e.params?.response_type === 'string');
}

function none(entries: readonly JournalEntry[], param: string): string | undefined {
  const requests = authorizationRequests(entries);
  if (requests.length === 0 || requests.some((e) => e.params?.[param] !== undefined)) return undefined;
  return `the app's ${requests.length === 1 ? 'authorization request carried' : `${requests.length} authorization requests carried`} no ${param}`;
}

const CHECKS: Record<Capability, (entries: readonly JournalEntry[]) => Omit<MissingCapability, 'capability'> | undefined> = {
  state: (entries) => {
    const observed = none(entries, 'state');
    return observed
      ? {
          observed,
          why: 'An app that sends no state protects its callback otherwise: RFC 9700 §2.1 lets "clients that have ensured that the authorization server supports Proof Key for Code Exchange (PKCE)" rely on PKCE against CSRF, so a tampered or missing state says nothing about it.',
        }
      : undefined;
  },
  nonce: (entries) => {
    const observed = none(entries, 'nonce');
    return observed
      ? { observed, why: 'OIDC Core §3.1.3.7 (11) asks the client to check the nonce only "If a nonce value was sent in the Authentication Request"; an app that sends none (PKCE may bind its flow instead) is not concerned.' }
      : undefined;
  },
  openid: (entries) => {
    const requests = authorizationRequests(entries);
    if (requests.length === 0 || requests.some((e) => String(e.params?.scope ?? '').split(' ').includes('openid'))) return undefined;
    return { observed: 'the app asked for no openid scope: it signs in with OAuth 2.0, not OpenID Connect', why: 'The scenario is about what OpenID Connect requires of an ID Token, which a plain OAuth 2.0 client never receives.' };
  },
  'refresh-token': (entries) => {
    const responses = entries.filter((e) => e.endpoint === 'token' && e.status === 200 && e.issued);
    if (responses.length === 0 || responses.some((e) => e.issued?.refresh_token !== undefined)) return undefined;
    return {
      observed: `no token response in this scenario issued the app a refresh token (${responses.length} answered 200 without one)`,
      why: 'Issuing a refresh token is optional at the discretion of the authorization server (RFC 6749 §1.5), and a client may re-authenticate instead (RFC 9700 §4.14.2): the scenario is about what the app does with a refresh token it holds.',
    };
  },
  userinfo: (entries) => {
    if (entries.some((e) => e.endpoint === 'userinfo')) return undefined;
    if (!entries.some((e) => e.endpoint === 'token' && e.status === 200)) return undefined;
    return { observed: 'the app never called the UserInfo endpoint in this scenario', why: 'The scenario is about what the app does with a UserInfo response; an app that takes its claims from the ID Token alone never meets it.' };
  },
  // Read only in scenarios that start the app afresh (fresh-app): a warm app may hold the keys from before.
  jwks: (entries) => {
    if (entries.some((e) => e.endpoint === 'jwks')) return undefined;
    if (!entries.some((e) => e.endpoint === 'token' && e.status === 200)) return undefined;
    return {
      observed: 'the app, started afresh, signed in without ever fetching the JWKS',
      why: 'An app that takes the ID Token straight from the token endpoint may rely on TLS instead of its signature (OIDC Core §3.1.3.7 (6): "the TLS server validation MAY be used to validate the issuer in place of checking the token signature"), so it never meets the provider\'s keys, rotated or not.',
    };
  },
};
