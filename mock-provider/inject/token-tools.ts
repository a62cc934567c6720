import { randomBytes } from 'node:crypto';
import { CompactSign, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import type { KeyPair, TokenTools } from '../faults/types.js';
import type { MemoryStore } from '../provider/adapter.js';
import type { SigningKey } from '../provider/keys.js';

const b64url = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');

/** Re-signing, key generation and stored-token access for faults, bound to one provider. */
export function tokenTools(key: SigningKey, store: MemoryStore, secretOf: (clientId: string) => string | undefined): TokenTools {
  const own: KeyPair = { jwk: key.jwk, privateKey: key.privateKey, publicJwk: publicPart(key.jwk) };
  return {
    async resign(jwt, mutate, options = {}) {
      const header = decodeProtectedHeader(jwt) as Record<string, unknown>;
      const payload = decodeJwt(jwt) as Record<string, unknown>;
      const signer = options.key ?? own;
      if (options.key) header.kid = options.key.jwk.kid;
      if (options.hmacSecret !== undefined) header.alg = 'HS256';
      else if (options.unsigned) header.alg = 'none';
      else header.alg = signer.jwk.alg;
      mutate(payload, header);
      if (options.unsigned) return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.`;
      const key = options.hmacSecret !== undefined ? new TextEncoder().encode(options.hmacSecret) : (signer.privateKey as CryptoKey);
      const { alg, ...rest } = header;
      return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ ...rest, alg: String(alg) })
        .sign(key);
    },
    async updateStored(model, value, mutate) {
      // Opaque tokens are stored under their own value as id (oidc-provider's opaque format).
      const stored = store.model(model).get(value);
      if (!stored) return false;
      mutate(stored.payload as Record<string, unknown>);
      return true;
    },
    async generateKey(kid) {
      const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
      const jwk = { ...(await exportJWK(privateKey)), kid: kid ?? `authfault-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };
      return { jwk, privateKey, publicJwk: publicPart(jwk) };
    },
    signingKey: () => own,
    clientSecret: (clientId) => (clientId ? secretOf(clientId) : undefined),
    epoch: () => Math.floor(Date.now() / 1000),
  };
}

/** The public members of an RSA or EC JWK, as a JWKS publishes them. */
export function publicPart(jwk: Record<string, unknown>): Record<string, unknown> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  return pub;
}
