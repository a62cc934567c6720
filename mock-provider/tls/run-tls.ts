import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthfaultError } from '../util/errors.js';
import type { ServedCertificate } from '../faults/types.js';
import { createAuthority, createIntermediate, issueLeaf, type Authority } from './certificates.js';
import { x509 } from './x509.js';

/** The run's certificate authority, the valid server certificate, and where the CA's PEM lies. */
export interface RunTls {
  ca: Authority;
  /** A file with the CA certificate, for NODE_EXTRA_CA_CERTS, SSL_CERT_FILE and the like. */
  caPath: string;
  valid: ServedCertificate;
  hosts: readonly string[];
  /** Removes the CA file when authfault wrote it to a temporary place. */
  dispose(): Promise<void>;
}

export interface HttpsOptions {
  /** Use this CA (PEM files) instead of generating one per run. */
  ca?: { cert: string; key: string };
  /** Keep the CA in these files: load them when they exist, else make one and write it there (key 0600). */
  keepCa?: { cert: string; key: string };
  /** Names the valid certificate covers besides 127.0.0.1, ::1 and localhost. */
  hosts?: string[];
}

/**
 * A CA generated per run (or loaded from files the user names) and a valid leaf for the
 * provider's hosts. EC P-256 keys: generating them costs milliseconds, RSA-2048 costs seconds here.
 */
export async function createRunTls(options: HttpsOptions = {}): Promise<RunTls> {
  const hosts = [...new Set(['127.0.0.1', 'localhost', '::1', ...(options.hosts ?? [])])];
  const given = options.ca ?? (options.keepCa && existsSync(options.keepCa.cert) ? options.keepCa : undefined);
  const ca = given ? await loadAuthority(given) : await createAuthority(`authfault run CA ${randomBytes(3).toString('hex')}`);
  const valid = await issueLeaf(ca, { hosts, label: 'valid certificate from the run CA' });
  const kept = options.ca ?? options.keepCa;
  const caPath = kept ? kept.cert : join(tmpdir(), `authfault-ca-${process.pid}-${randomBytes(4).toString('hex')}.pem`);
  if (!given && options.keepCa) {
    try {
      await writeFile(options.keepCa.key, ca.keyPem, { mode: 0o600, flag: 'wx' });
      await writeFile(caPath, ca.certPem, { mode: 0o644, flag: 'wx' });
    } catch (error) {
      // Another provider sharing the folder made the CA first: use that one.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return createRunTls({ ...options, keepCa: undefined, ca: options.keepCa });
      throw error;
    }
  } else if (!given) {
    await writeFile(caPath, ca.certPem, { mode: 0o644 });
  }
  return {
    ca,
    caPath,
    valid,
    hosts,
    async dispose() {
      if (!kept) await rm(caPath, { force: true });
    },
  };
}

/** Issue helpers bound to a run CA: what the TLS fault kinds build their certificates with. */
export function issuers(run: RunTls) {
  return {
    async issueFromRunCa(o: { hosts: readonly string[]; notBefore?: Date; notAfter?: Date; rsaBits?: number; hash?: 'SHA-256' | 'SHA-1'; label: string; withIntermediate?: boolean; sendChain?: boolean }) {
      if (!o.withIntermediate) return issueLeaf(run.ca, o);
      const intermediate = await createIntermediate(run.ca, 'authfault intermediate CA');
      const leaf = await issueLeaf(intermediate, o, [intermediate]);
      return o.sendChain === false ? { ...leaf, chainPem: [] } : leaf;
    },
    async issueUntrusted(o: { hosts: readonly string[]; selfSigned?: boolean; label: string }) {
      if (o.selfSigned) return issueLeaf(undefined, o);
      return issueLeaf(await createAuthority('authfault UNTRUSTED CA'), o);
    },
  };
}

async function loadAuthority(files: { cert: string; key: string }): Promise<Authority> {
  for (const f of [files.cert, files.key]) {
    if (!existsSync(f)) throw new AuthfaultError('AUTHFAULT_TLS_CA_NOT_FOUND', `no file at ${f} (provider.https.ca names the CA's certificate and key, PEM)`);
  }
  try {
    const certPem = readFileSync(files.cert, 'utf8');
    const keyPem = readFileSync(files.key, 'utf8');
    const cert = new x509.X509Certificate(certPem);
    const alg = cert.publicKey.algorithm as { name: string };
    const { webcrypto } = await import('node:crypto');
    const algorithm = alg.name === 'ECDSA' ? { name: 'ECDSA', namedCurve: (cert.publicKey.algorithm as { namedCurve: string }).namedCurve } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const privateKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(keyPem), algorithm, true, ['sign']);
    const publicKey = await cert.publicKey.export(algorithm, ['verify']);
    return { cert, keys: { privateKey, publicKey }, certPem, keyPem, name: cert.subject };
  } catch (error) {
    throw new AuthfaultError('AUTHFAULT_TLS_CA_INVALID', `cannot use ${files.cert} / ${files.key} as a CA: ${(error as Error).message}`);
  }
}
