import { z } from 'zod';
import { AuthfaultError } from '../../../util/errors.js';
import { defineKind, type FaultKind, type ServedCertificate, type TlsControl } from '../../types.js';

/** What every TLS kind shares: the point, the category, the correct client, and how it is served. */
export interface TlsKindSpec<K extends string> {
  kind: K;
  summary: string;
  /** The error a Node client that verifies gives (OpenSSL's code), for the docs and diagnoses. */
  nodeError: string;
  why: string;
  references: readonly string[];
  build(tls: TlsControl): Promise<ServedCertificate>;
  unavailable?: string;
}

const params = z.strictObject({});

/**
 * A TLS fault: while it is set, new connections to the back channel (discovery, JWKS, token,
 * userinfo, introspection, the mock API) meet the bad certificate; the browser-facing front
 * channel keeps the valid one. The certificate is built when the fault is set, once.
 * The envelope's per-request conditions do not apply: a certificate is chosen per connection,
 * before any request is seen, so only `after_ms` is meaningful — and it is refused at parse time
 * with the others, rather than silently ignored.
 */
export function tlsKind<const K extends string>(spec: TlsKindSpec<K>): FaultKind<K, typeof params> {
  return defineKind({
    kind: spec.kind,
    category: 'tls',
    summary: spec.summary,
    correctClient: `Verify the certificate against the trusted CAs and refuse the connection (Node: ${spec.nodeError}); send no request over it, and show a clear error instead of signing the user in.`,
    why: spec.why,
    fix: 'Never turn verification off (NODE_TLS_REJECT_UNAUTHORIZED=0, rejectUnauthorized: false, verify=False, InsecureSkipVerify). To trust a private CA, add it: NODE_EXTRA_CA_CERTS=/path/ca.pem for Node, SSL_CERT_FILE / REQUESTS_CA_BUNDLE for Python, a truststore for the JVM, the system store for .NET.',
    references: spec.references,
    points: ['transport'],
    defaultPoints: ['transport'],
    params,
    ...(spec.unavailable ? { unavailable: spec.unavailable } : {}),
    check(_params, when) {
      const unsupported = (['client', 'nth', 'times', 'probability', 'after_ms'] as const).filter((k) => when[k] !== undefined);
      return unsupported.map((k) => ({
        path: ['when', k],
        message: `${spec.kind} applies to every new back-channel connection while it is set; when.${k} cannot select connections (set and clear the fault instead)`,
      }));
    },
    hooks: {
      async activate(_params, env, _state, _tools, _when, applied) {
        if (spec.unavailable) throw new AuthfaultError('AUTHFAULT_FAULT_UNAVAILABLE', `${spec.kind} is not available here: ${spec.unavailable}`);
        if (env.tenant) {
          // The listeners are shared: a certificate is chosen as a connection opens, before a request names a path.
          throw new AuthfaultError(
            'AUTHFAULT_TLS_DEFAULT_ISSUER_ONLY',
            `${spec.kind} cannot be set on tenant "${env.tenant.name}": every issuer shares the TLS listeners, and a certificate is chosen when a connection opens, before its first request names a path; set it on the default issuer (POST {origin}/__authfault/faults, authfault fault add without --tenant, or idp.faults.add on the handle createMockProvider returned), where it acts on every issuer's back channel${env.tenant.https ? '' : ', once the provider serves HTTPS (provider.https: true, or authfault idp --https)'}`,
          );
        }
        if (!env.tls) {
          throw new AuthfaultError(
            'AUTHFAULT_TLS_REQUIRES_HTTPS',
            `${spec.kind} needs the provider to serve HTTPS: set provider.https: true in the config (or run authfault idp --https)`,
          );
        }
        const cert = await spec.build(env.tls);
        return env.tls.serve(cert, applied);
      },
    },
  });
}
