import type Provider from 'oidc-provider';

/**
 * An access token is refused from its exp on, as RFC 6750 §3.1 has a resource server answer an
 * expired one (invalid_token), with no tolerance.
 *
 * - Why: oidc-provider finds a stored token up to its clockTolerance (15 s) past exp, and its
 *   UserInfo endpoint does not check expiry again. So an expired token kept working for 15 s, and
 *   an app that never refreshes passed the token-lifetime scenarios (a token of 2 s, used 3 s
 *   later) on an answer no provider gives once the token has really expired.
 * - A tolerance is for clocks that differ; the provider checks its own tokens on its own clock.
 *   clockTolerance itself stays at 15 s for what clients sign (private_key_jwt assertions), whose
 *   clocks may differ.
 * - Callers that ask for expired tokens too (`ignoreExpiration`: introspection, revocation, the
 *   mock API, which says why a token is gone) still get them.
 */
export function refuseExpiredAccessTokens(provider: Provider): void {
  const model = provider.AccessToken as unknown as {
    find(value: string, options?: { ignoreExpiration?: boolean }): Promise<{ isExpired: boolean } | undefined>;
  };
  const find = model.find.bind(model);
  model.find = async (value, options = {}) => {
    const token = await find(value, options);
    return token && !options.ignoreExpiration && token.isExpired ? undefined : token;
  };
}
