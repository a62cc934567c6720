import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import { AuthfaultError } from '../util/errors.js';

/** The provider's signing key: the private JWK oidc-provider signs with, and a jose key to re-sign faults. */
export interface SigningKey {
  jwk: JWK & { kid: string; alg: string };
  privateKey: CryptoKey;
}

/**
 * Keys are generated per run, or kept in the file the user chose (created on first use, never
 * overwritten), so an app that caches JWKS across provider restarts can be tested on purpose.
 */
export async function loadSigningKey(file?: string): Promise<SigningKey> {
  if (file && existsSync(file)) {
    let jwk: SigningKey['jwk'];
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as { keys?: SigningKey['jwk'][] };
      jwk = parsed.keys?.[0] as SigningKey['jwk'];
      if (!jwk?.d || !jwk.kid) throw new Error('no private key with a kid');
    } catch (error) {
      throw new AuthfaultError(
        'AUTHFAULT_KEYS_INVALID',
        `${file} is not a private JWKS written by authfault (${(error as Error).message}); move it away and a new one is written`,
      );
    }
    return { jwk, privateKey: (await importJWK(jwk, jwk.alg)) as CryptoKey };
  }
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `authfault-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };
  if (file) {
    try {
      await writeFile(file, `${JSON.stringify({ keys: [jwk] }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another provider sharing the file (a worker beside this one) wrote it first: use that key.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSigningKey(file);
      throw error;
    }
  }
  return { jwk, privateKey };
}
