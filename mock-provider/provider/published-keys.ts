import type { KeyPair } from '../faults/types.js';

/**
 * The keys the provider's JWKS publishes, as a resource server reading that JWKS would see them:
 * the provider's own key, and the keys a jwks.rotate fault put in front of it (with the own key
 * kept or withdrawn, as the fault says). The mock API verifies JWT access tokens against this,
 * not against the signing key alone, so a token signed with a rotated key is accepted there for
 * as long as the JWKS publishes that key — what a real API does after fetching the JWKS again.
 */
export class PublishedKeys {
  readonly #rotations: { key: KeyPair; keepOld: boolean }[] = [];

  constructor(private readonly own: KeyPair) {}

  /** Publish `key` first; `keepOld` false withdraws every key published before it. Returns the undo. */
  rotate(key: KeyPair, keepOld: boolean): () => void {
    const rotation = { key, keepOld };
    this.#rotations.push(rotation);
    return () => {
      const at = this.#rotations.indexOf(rotation);
      if (at >= 0) this.#rotations.splice(at, 1);
    };
  }

  /** Public JWKs, newest first. */
  published(): Record<string, unknown>[] {
    const keys: Record<string, unknown>[] = [this.own.publicJwk];
    for (const { key, keepOld } of this.#rotations) {
      if (!keepOld) keys.length = 0;
      keys.unshift(key.publicJwk);
    }
    return keys;
  }
}
