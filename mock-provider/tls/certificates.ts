import { randomBytes } from 'node:crypto';
import type { webcrypto as WebCrypto } from 'node:crypto';
import { webcrypto, x509 } from './x509.js';

type CryptoKeyPair = WebCrypto.CryptoKeyPair;
type CryptoKey = WebCrypto.CryptoKey;

/** A certificate with its private key, PEM-encoded as node:tls wants them. */
export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
  /** Intermediates to send after the leaf (empty for a leaf issued by the root). */
  chainPem: string[];
  /** What it is, in words, for journal entries. */
  label: string;
}

export interface Authority {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  certPem: string;
  keyPem: string;
  name: string;
}

const EC: WebCrypto.EcKeyGenParams & WebCrypto.EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY = 86_400_000;

export interface LeafOptions {
  hosts: readonly string[];
  notBefore?: Date;
  notAfter?: Date;
  /** RSA modulus length for a deliberately weak key; EC P-256 otherwise (fast to generate). */
  rsaBits?: number;
  hash?: 'SHA-256' | 'SHA-1';
  label: string;
}

/** A root CA for this run (or for this fault: an untrusted one), valid from an hour ago for a year. */
export async function createAuthority(name: string): Promise<Authority> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${name}, O=authfault (mock, not for production)`,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 365 * DAY),
    keys,
    signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys, certPem: cert.toString('pem'), keyPem: await pemKey(keys.privateKey), name };
}

/** An intermediate CA signed by `parent`. */
export async function createIntermediate(parent: Authority, name: string): Promise<Authority> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${name}, O=authfault (mock, not for production)`,
    issuer: parent.cert.subject,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 365 * DAY),
    signingKey: parent.keys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.AuthorityKeyIdentifierExtension.create(parent.keys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys, certPem: cert.toString('pem'), keyPem: await pemKey(keys.privateKey), name };
}

/** A server certificate for `hosts`, issued by `issuer`, or self-signed when no issuer is given. */
export async function issueLeaf(issuer: Authority | undefined, options: LeafOptions, chain: Authority[] = []): Promise<IssuedCertificate> {
  const rsa = options.rsaBits !== undefined;
  const hash = options.hash ?? 'SHA-256';
  const algorithm = rsa
    ? { name: 'RSASSA-PKCS1-v1_5', hash, publicExponent: new Uint8Array([1, 0, 1]), modulusLength: options.rsaBits! }
    : { ...EC, hash };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const subject = `CN=${options.hosts[0] ?? 'localhost'}`;
  const extensions = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | (rsa ? x509.KeyUsageFlags.keyEncipherment : 0), true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    new x509.SubjectAlternativeNameExtension(options.hosts.map((h) => (/^[\d.]+$|:/.test(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h }))),
  ];
  const notBefore = options.notBefore ?? new Date(Date.now() - 3600_000);
  const notAfter = options.notAfter ?? new Date(Date.now() + 90 * DAY);
  // The issuer signs with its own key type; the hash is the leaf's choice (SHA-1 for tls.sha1).
  const signingAlgorithm = issuer ? { ...EC, hash } : algorithm;
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject,
        issuer: issuer.cert.subject,
        notBefore,
        notAfter,
        signingKey: issuer.keys.privateKey,
        publicKey: keys.publicKey,
        signingAlgorithm,
        extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey)],
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: serial(), name: subject, notBefore, notAfter, keys, signingAlgorithm, extensions });
  return { certPem: cert.toString('pem'), keyPem: await pemKey(keys.privateKey), chainPem: chain.map((c) => c.certPem), label: options.label };
}

async function pemKey(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

function serial(): string {
  // Positive, 16 random bytes: clients reject duplicate serials from one issuer.
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}
