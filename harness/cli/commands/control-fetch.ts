import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { usageError } from '../../util/usage-error.js';

/** Node's TLS codes for a certificate it does not trust: the provider's run CA, most likely. */
const UNTRUSTED = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED']);

export interface ControlRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** A PEM file of CAs to trust besides the system's (the provider's run CA): --ca or $AUTHFAULT_CA. */
  caFile?: string;
}

/**
 * One call to a provider's control API. Over HTTPS with a CA file the call goes through
 * node:https, which takes the CA per request (the global fetch takes it only from
 * NODE_EXTRA_CA_CERTS, read once at start-up); otherwise through fetch.
 */
export async function controlFetch(url: string, init: ControlRequest): Promise<Response> {
  const { caFile, timeoutMs, ...rest } = init;
  if (!caFile || !url.startsWith('https:')) return fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
  let ca: string;
  try {
    ca = readFileSync(caFile, 'utf8');
  } catch (error) {
    throw usageError('AUTHFAULT_BAD_OPTION', `--ca ${caFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}; give the CA file the provider printed (the "CA" line of authfault idp --https)`);
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: rest.method, headers: rest.headers, ca, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
        const status = res.statusCode ?? 502;
        // A Response for 204 or 304 must have no body at all, not an empty one.
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer in ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    // fetch's shape for a failed call, so the caller reads both alike.
    req.on('error', (cause) => reject(Object.assign(new TypeError('fetch failed'), { cause })));
    req.end(rest.body);
  });
}

/** Codes of a certificate or handshake a verifying client refuses (a tls.* fault serves each of them). */
const REFUSED_TLS = /^(CERT_|ERR_TLS_|ERR_SSL_|EPROTO$|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|CA_MD_TOO_WEAK$|EE_KEY_TOO_SMALL$)/;

/**
 * Words for a failed connection. An untrusted certificate with no CA given says how to trust the
 * provider's run CA; any other refused certificate is most likely a tls.* fault on the back
 * channel, and the control API is also on the front channel, whose certificate stays valid.
 */
export function connectionProblem(code: string, base: string, caGiven = false): string {
  if (REFUSED_TLS.test(code) && (caGiven || !UNTRUSTED.has(code))) {
    return `the provider at ${new URL(base).origin} presents a certificate this command refuses (${code}): a tls.* fault set on the provider does this to the issuer's origin (its back channel). Its control API is also on the front channel, whose certificate stays valid: pass --idp with the origin of the banner's "admin" line (authfault idp --https prints it; also "admin" in GET /__authfault/health), then clear the fault with authfault fault clear`;
  }
  if (UNTRUSTED.has(code)) {
    return `the provider at ${base} serves HTTPS with a certificate this command does not trust (${code}): pass --ca <file> (or set AUTHFAULT_CA) with the CA the provider printed — the "CA" line of authfault idp --https, also served at /__authfault/ca.pem`;
  }
  return `no authfault provider answers at ${base} (${code}); start one with \`authfault idp\` or pass --idp URL`;
}
