import { createServer, type Server } from 'node:https';
import type { RequestListener } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Journal, JournalEntry } from '../control/journal.js';
import type { ServedCertificate } from '../faults/types.js';

type Listener = 'front' | 'back';

/**
 * Two HTTPS listeners over one app. The front channel (authorization, login pages, logout: what
 * the browser opens) always presents the valid certificate; the back channel (discovery, JWKS,
 * token, userinfo, introspection: what the app's server calls, and the issuer's origin)
 * presents whatever a tls.* fault serves. So a TLS scenario judges the app's own verification,
 * never the browser's. Every connection is journaled: did the handshake complete, did the client
 * then send a request (a client that sends one over a bad certificate has accepted it), and
 * what the client said when it refused.
 */
export class TlsListeners {
  readonly front: Server;
  readonly back: Server;
  #served: ServedCertificate;
  #onConnection: (() => void) | undefined;
  readonly #entries = new WeakMap<TLSSocket, JournalEntry>();

  constructor(
    app: RequestListener,
    private readonly valid: ServedCertificate,
    private readonly journal: Journal,
  ) {
    this.#served = valid;
    this.front = createServer(options(valid), app);
    this.back = createServer(options(valid), app);
    this.#watch(this.front, 'front');
    this.#watch(this.back, 'back');
  }

  /** Present `cert` on new back-channel connections until the returned undo runs. */
  serve(cert: ServedCertificate, onConnection: () => void): () => void {
    this.#served = cert;
    this.#onConnection = onConnection;
    this.back.setSecureContext(options(cert));
    // Kept-alive connections were made with the old certificate; clients must meet the new one.
    this.back.closeAllConnections();
    return () => {
      if (this.#served !== cert) return;
      this.#served = this.valid;
      this.#onConnection = undefined;
      this.back.setSecureContext(options(this.valid));
      this.back.closeAllConnections();
    };
  }

  /** Mark the connection a request arrived on: the client went ahead over that certificate. */
  requestArrived(socket: unknown): void {
    const entry = this.#entries.get(socket as TLSSocket);
    if (entry?.tls && !entry.tls.requestSent) entry.tls.requestSent = true;
  }

  #watch(server: Server, listener: Listener) {
    server.on('secureConnection', (socket: TLSSocket) => {
      const started = performance.now();
      const certificate = listener === 'back' ? this.#served.label : this.valid.label;
      if (listener === 'back' && this.#served !== this.valid) this.#onConnection?.();
      const entry = this.journal.start({ endpoint: 'transport', method: 'TLS', path: `${listener} channel` });
      entry.tls = { listener, certificate, handshake: 'completed', requestSent: false, protocol: socket.getProtocol() ?? 'unknown' };
      this.#entries.set(socket, entry);
      socket.once('close', () => this.journal.end(entry, 0, started));
    });
    server.on('tlsClientError', (error: Error & { code?: string }, socket: TLSSocket) => {
      const started = performance.now();
      const certificate = listener === 'back' ? this.#served.label : this.valid.label;
      if (listener === 'back' && this.#served !== this.valid) this.#onConnection?.();
      const entry = this.journal.start({ endpoint: 'transport', method: 'TLS', path: `${listener} channel` });
      entry.tls = { listener, certificate, handshake: 'failed', requestSent: false, alert: describeAlert(error) };
      entry.outcome = 'aborted';
      this.journal.end(entry, 0, started);
      socket.destroy();
    });
  }
}

function options(cert: ServedCertificate) {
  return {
    key: cert.keyPem,
    cert: [cert.certPem, ...cert.chainPem].join('\n'),
    ...(cert.secureOptions ?? {}),
  };
}

/** OpenSSL's words for what the client did ("sslv3 alert bad certificate" → "bad certificate"). */
function describeAlert(error: Error & { code?: string }): string {
  const alert = /alert ([a-z ]+)/i.exec(error.message)?.[1];
  if (alert) return `the client sent TLS alert "${alert.trim()}"`;
  if (error.code === 'ECONNRESET') return 'the client closed the connection during the handshake (no alert)';
  return `handshake failed: ${error.code ?? error.message}`;
}
