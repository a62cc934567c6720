import { createServer, type Server } from 'node:https';
import type { RequestListener, ServerResponse } from 'node:http';
import type { Server as NetServer, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Journal, JournalEntry } from '../control/journal.js';
import type { ServedCertificate } from '../faults/types.js';
import { httpsDoor, type HttpsDoor } from './https-door.js';

type Listener = 'front' | 'back';

/**
 * Two HTTPS listeners over one app. The front channel (authorization, login pages, logout: what
 * the browser opens) always presents the valid certificate; the back channel (discovery, JWKS,
 * token, userinfo, introspection: what the app's server calls, and the issuer's origin)
 * presents whatever a tls.* fault serves. So a TLS scenario judges the app's own verification,
 * never the browser's. Every connection is journaled: did the handshake complete, did the client
 * then send a request (a client that sends one over a bad certificate has accepted it), and
 * what the client said when it refused.
 *
 * Each listens through an https door (https-door.ts), so plain HTTP sent to it gets an answer.
 */
export class TlsListeners {
  readonly front: Server;
  readonly back: Server;
  /** What listens on each port: the doors in front of the HTTPS servers. */
  readonly ports: { readonly front: NetServer; readonly back: NetServer };
  readonly #doors: HttpsDoor[];
  readonly #backDoor: HttpsDoor;
  #served: ServedCertificate;
  #onConnection: (() => void) | undefined;
  readonly #entries = new WeakMap<TLSSocket, JournalEntry>();
  /**
   * What each back-channel connection was given when its handshake began, by its TCP socket (the
   * back door finds it for a TLS socket): the secure context is fixed then, so a handshake under way when a fault is set or
   * undone completes with the certificate it started with, and is journaled and counted as that.
   */
  readonly #began = new WeakMap<Socket, { served: ServedCertificate; onConnection: (() => void) | undefined }>();
  /** Back-channel connections that completed with a certificate no longer served: retired after their first answer. */
  readonly #stale = new WeakSet<Socket>();
  /** Back-channel responses not yet finished: a certificate swap lets them end before their connection closes. */
  readonly #inFlight = new Set<ServerResponse>();

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
    // tls.Server's own 'connection' listener has made the TLS socket, with the secure context of
    // this moment, before this one runs.
    this.back.on('connection', (socket: Socket) => {
      this.#began.set(socket, { served: this.#served, onConnection: this.#onConnection });
    });
    this.back.on('request', (req, res: ServerResponse) => {
      if (this.#stale.has(req.socket)) res.setHeader('Connection', 'close');
      this.#inFlight.add(res);
      res.once('close', () => this.#inFlight.delete(res));
    });
    const doors = { front: httpsDoor(this.front), back: httpsDoor(this.back) };
    // The HTTPS servers never listen themselves, and Node's http server starts tracking its
    // connections (closeIdleConnections, request and header timeouts) on 'listening': pass it on.
    doors.front.server.once('listening', () => this.front.emit('listening'));
    doors.back.server.once('listening', () => this.back.emit('listening'));
    this.#doors = [doors.front, doors.back];
    this.#backDoor = doors.back;
    this.ports = { front: doors.front.server, back: doors.back.server };
  }

  /** Present `cert` on new back-channel connections until the returned undo runs. */
  serve(cert: ServedCertificate, onConnection: () => void): () => void {
    this.#served = cert;
    this.#onConnection = onConnection;
    this.back.setSecureContext(options(cert));
    this.#retireConnections();
    return () => {
      if (this.#served !== cert) return;
      this.#served = this.valid;
      this.#onConnection = undefined;
      this.back.setSecureContext(options(this.valid));
      this.#retireConnections();
    };
  }

  /**
   * Kept-alive connections were made with the old certificate; clients must meet the new one.
   * Idle ones close now. One carrying a request finishes its response first — the request that
   * set the fault is one of them (POST /__authfault/faults), and its answer must not be lost —
   * and closes after it: `Connection: close` when the answer has not started, else at its end.
   */
  #retireConnections(): void {
    this.back.closeIdleConnections();
    for (const res of this.#inFlight) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
      else res.once('finish', () => res.socket?.destroySoon());
    }
  }

  /** The certificate a connection's handshake began with, and the fault to count it for (none for the valid one). */
  #servedTo(listener: Listener, socket: TLSSocket): { served: ServedCertificate; onConnection: (() => void) | undefined } {
    if (listener === 'front') return { served: this.valid, onConnection: undefined };
    const tcp = this.#backDoor.tcpSocket(socket);
    const began = (tcp && this.#began.get(tcp)) ?? { served: this.#served, onConnection: this.#onConnection };
    return began.served === this.valid ? { served: this.valid, onConnection: undefined } : began;
  }

  /** Stop listening, and end every connection. */
  async close(): Promise<void> {
    const closed = this.#doors.map((door) => door.close());
    for (const server of [this.front, this.back]) {
      // http's close stops its connection checks; the net half finds nothing listening, which is fine.
      server.close(() => {});
      server.closeAllConnections();
    }
    await Promise.all(closed);
  }

  /**
   * Reset the TCP connection under a TLS socket (network.reset): the client reads ECONNRESET, as
   * over plain HTTP. Without its TCP socket (already closed), the TLS socket is just destroyed.
   */
  resetConnection(socket: Socket): void {
    const tcp = this.#doors.map((door) => door.tcpSocket(socket)).find((found) => found !== undefined);
    if (tcp) tcp.resetAndDestroy();
    else socket.destroy();
  }

  /** Mark the connection a request arrived on: the client went ahead over that certificate. */
  requestArrived(socket: unknown): void {
    const entry = this.#entries.get(socket as TLSSocket);
    if (entry?.tls && !entry.tls.requestSent) entry.tls.requestSent = true;
  }

  #watch(server: Server, listener: Listener) {
    server.on('secureConnection', (socket: TLSSocket) => {
      const started = performance.now();
      const { served, onConnection } = this.#servedTo(listener, socket);
      const certificate = served.label;
      onConnection?.();
      // Begun before the certificate changed: it must not carry the old one on for later requests.
      if (listener === 'back' && served !== this.#served) this.#stale.add(socket);
      const entry = this.journal.start({ endpoint: 'transport', method: 'TLS', path: `${listener} channel` });
      entry.tls = { listener, certificate, handshake: 'completed', requestSent: false, protocol: socket.getProtocol() ?? 'unknown' };
      this.#entries.set(socket, entry);
      socket.once('close', () => this.journal.end(entry, 0, started));
    });
    server.on('tlsClientError', (error: Error & { code?: string }, socket: TLSSocket) => {
      const started = performance.now();
      const { served, onConnection } = this.#servedTo(listener, socket);
      const certificate = served.label;
      onConnection?.();
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
