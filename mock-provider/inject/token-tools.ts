import { CompactSign, decodeJwt, decodeProtectedHeader } from 'jose';
import type { TokenTools } from '../faults/types.js';
import type { MemoryStore } from '../provider/adapter.js';
import type { SigningKey } from '../provider/keys.js';

/** Re-signing and stored-token access for token faults, bound to one provider's key and store. */
export function tokenTools(key: SigningKey, store: MemoryStore): TokenTools {
  return {
    async resign(jwt, mutate) {
      const header = decodeProtectedHeader(jwt) as Record<string, unknown>;
      const payload = decodeJwt(jwt) as Record<string, unknown>;
      mutate(payload, header);
      return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ ...header, alg: key.jwk.alg, kid: (header.kid as string | undefined) ?? key.jwk.kid })
        .sign(key.privateKey);
    },
    async updateStored(model, value, mutate) {
      // Opaque tokens are stored under their own value as id (oidc-provider's opaque format).
      const stored = store.model(model).get(value);
      if (!stored) return false;
      mutate(stored.payload as Record<string, unknown>);
      return true;
    },
    epoch: () => Math.floor(Date.now() / 1000),
  };
}
