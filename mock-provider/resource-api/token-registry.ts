/**
 * What the provider did with its opaque access tokens, so the API can say *why* one it no longer
 * finds is refused: expired, or revoked (at the revocation endpoint, with its grant, by sign-out).
 *
 * - The provider's store forgets a token once it expires or is revoked, and says nothing when a
 *   grant's tokens go with it; a token remembered here as issued and unexpired, but gone from
 *   the store, was therefore revoked. `access_token.destroyed` names the revocation endpoint.
 * - oidc-provider does not store JWT access tokens, so there is nothing to revoke; the API judges
 *   them by signature and claims alone.
 * - Bounded: the oldest entries go first, as the journal's do.
 */
import type Provider from 'oidc-provider';

interface Issued {
  exp: number;
  revoked?: string;
}

export class TokenRegistry {
  #issued = new Map<string, Issued>();

  constructor(private readonly max = 10_000) {}

  attach(provider: Provider): void {
    // The instance has no exp yet when `saved` fires; the stored payload's exp is computed the same way.
    const saved = (token: { jti: string; exp?: number; expiration: number }) =>
      this.#remember(token.jti, { exp: token.exp || Math.floor(Date.now() / 1000) + token.expiration });
    const destroyed = (token: { jti: string }) => {
      const issued = this.#issued.get(token.jti);
      if (issued) issued.revoked = 'at the revocation endpoint';
    };
    provider.on('access_token.saved', saved);
    provider.on('client_credentials.saved', saved);
    provider.on('access_token.destroyed', destroyed);
    provider.on('client_credentials.destroyed', destroyed);
  }

  /** Why a token the provider no longer has is gone: expired (with when) or revoked (with how, when known). */
  whyGone(jti: string, now: number): { expired: number } | { revoked: string | undefined } | undefined {
    const issued = this.#issued.get(jti);
    if (!issued) return undefined;
    if (issued.revoked) return { revoked: issued.revoked };
    if (issued.exp <= now) return { expired: issued.exp };
    return { revoked: undefined };
  }

  clear(): void {
    this.#issued.clear();
  }

  #remember(jti: string, issued: Issued) {
    this.#issued.set(jti, issued);
    if (this.#issued.size > this.max) this.#issued.delete(this.#issued.keys().next().value!);
  }
}
