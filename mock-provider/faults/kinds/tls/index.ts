import { tlsKind } from './define-tls-kind.js';

const DAY = 86_400_000;
const MITM = 'A client that accepts this certificate talks to whoever answers: an attacker on the network reads and changes tokens, codes and client secrets.';

/**
 * TLS faults, one entry per certificate problem. They share one mechanism (define-tls-kind.ts),
 * so each is data: the certificate to build and what a verifying client says about it.
 */
export const TLS_KINDS = [
  tlsKind({
    kind: 'tls.self-signed',
    summary: 'The back channel presents a self-signed certificate.',
    nodeError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    why: MITM,
    references: ['RFC 9110 §4.3.4', 'RFC 5280 §6', 'RFC 6749 §10.9'],
    build: (tls) => tls.issueUntrusted({ hosts: tls.hosts, selfSigned: true, label: 'self-signed certificate' }),
  }),
  tlsKind({
    kind: 'tls.expired',
    summary: 'The back channel presents a certificate from the run CA that expired yesterday.',
    nodeError: 'CERT_HAS_EXPIRED',
    why: `${MITM} An expired certificate may belong to a key that has since leaked.`,
    references: ['RFC 5280 §4.1.2.5', 'RFC 6749 §10.9'],
    build: (tls) => tls.issueFromRunCa({ hosts: tls.hosts, notBefore: new Date(Date.now() - 30 * DAY), notAfter: new Date(Date.now() - DAY), label: 'certificate expired a day ago' }),
  }),
  tlsKind({
    kind: 'tls.not-yet-valid',
    summary: 'The back channel presents a certificate from the run CA that becomes valid tomorrow.',
    nodeError: 'CERT_NOT_YET_VALID',
    why: MITM,
    references: ['RFC 5280 §4.1.2.5'],
    build: (tls) => tls.issueFromRunCa({ hosts: tls.hosts, notBefore: new Date(Date.now() + DAY), notAfter: new Date(Date.now() + 90 * DAY), label: 'certificate valid only from tomorrow' }),
  }),
  tlsKind({
    kind: 'tls.wrong-host',
    summary: 'The back channel presents a certificate from the run CA for another host name.',
    nodeError: 'ERR_TLS_CERT_ALTNAME_INVALID',
    why: `${MITM} Any certificate the CA issued to anyone would pass.`,
    references: ['RFC 9110 §4.3.4', 'RFC 6125'],
    build: (tls) => tls.issueFromRunCa({ hosts: ['idp.example.invalid'], label: 'certificate for idp.example.invalid' }),
  }),
  tlsKind({
    kind: 'tls.untrusted-ca',
    summary: 'The back channel presents a certificate issued by a CA the client does not trust.',
    nodeError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    why: MITM,
    references: ['RFC 5280 §6'],
    build: (tls) => tls.issueUntrusted({ hosts: tls.hosts, label: 'certificate from an untrusted CA' }),
  }),
  tlsKind({
    kind: 'tls.incomplete-chain',
    summary: 'The back channel presents a leaf issued by an intermediate CA but leaves the intermediate out.',
    nodeError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    why: 'A client cannot build the chain to a trusted root; the usual "fix" of disabling verification opens the door to any impostor.',
    references: ['RFC 5246 §7.4.2', 'RFC 8446 §4.4.2'],
    build: (tls) => tls.issueFromRunCa({ hosts: tls.hosts, withIntermediate: true, sendChain: false, label: 'leaf without its intermediate' }),
  }),
  tlsKind({
    kind: 'tls.weak-key',
    summary: 'The back channel presents a certificate from the run CA with a 512-bit RSA key.',
    nodeError: 'a handshake failure (OpenSSL refuses keys below its security level: "ee key too small")',
    why: 'A 512-bit RSA key is factored in hours; whoever does it impersonates the provider.',
    references: ['NIST SP 800-131A', 'RFC 8446 §4.4.2.4'],
    build: (tls) => tls.issueFromRunCa({ hosts: tls.hosts, rsaBits: 512, label: '512-bit RSA key' }).then((c) => ({ ...c, secureOptions: { ciphers: 'DEFAULT@SECLEVEL=0' } })),
  }),
  tlsKind({
    kind: 'tls.sha1',
    summary: 'The back channel presents a certificate from the run CA signed with SHA-1.',
    nodeError: 'a handshake failure or CA_MD_TOO_WEAK (SHA-1 signatures are refused above OpenSSL security level 0)',
    why: 'SHA-1 collisions are practical (SHAttered, 2017); a forged certificate with the same signature can impersonate the provider.',
    references: ['RFC 9155', 'CA/Browser Forum BR §7.1.3'],
    build: (tls) => tls.issueFromRunCa({ hosts: tls.hosts, hash: 'SHA-1', label: 'certificate signed with SHA-1' }).then((c) => ({ ...c, secureOptions: { ciphers: 'DEFAULT@SECLEVEL=0' } })),
  }),
  tlsKind({
    kind: 'tls.old-protocol',
    summary: 'The back channel speaks only TLS 1.0 and 1.1.',
    nodeError: 'ERR_SSL_UNSUPPORTED_PROTOCOL (Node\'s default minimum is TLS 1.2)',
    why: 'TLS 1.0 and 1.1 are deprecated (RFC 8996) for known attacks on their ciphers and handshakes.',
    references: ['RFC 8996', 'RFC 9325'],
    build: (tls) => tls.issueFromRunCa({ hosts: tls.hosts, label: 'TLS 1.0/1.1 only' }).then((c) => ({ ...c, secureOptions: { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' } })),
  }),
] as const;
