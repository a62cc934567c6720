import { createServer, type Server, type Socket } from 'node:net';
import type { Server as HttpsServer } from 'node:https';
import { errorAnswer } from '../util/errors.js';

/** The first byte of every TLS connection: a handshake record. */
const TLS_HANDSHAKE = 0x16;

/** The port of an HTTPS listener, and the TCP connections under its TLS ones. */
export interface HttpsDoor {
  server: Server;
  /** The TCP socket a TLS socket of this door runs on (by the peer's address and port), to reset it. */
  tcpSocket(tls: Socket): Socket | undefined;
  close(): Promise<void>;
}

/**
 * The port of an HTTPS listener. It reads a connection's first bytes: a TLS handshake goes on to
 * `https` unchanged; anything else is plain HTTP sent to an HTTPS port (`curl http://…`,
 * `authfault fault list` without `https://`), which a TLS server would drop with an empty reply.
 * It gets a 400 that says which URL to use instead.
 *
 * It keeps each TLS connection's TCP socket: a TLS socket cannot be reset itself (Node's
 * resetAndDestroy throws "This handle type cannot be sent" on one), its TCP socket can.
 */
export function httpsDoor(https: HttpsServer): HttpsDoor {
  // Connections that have sent nothing yet belong to no server that could close them.
  const waiting = new Set<Socket>();
  const handedOn = new Map<string, Socket>();
  const door = createServer((socket) => {
    waiting.add(socket);
    socket.once('close', () => waiting.delete(socket));
    socket.once('data', (chunk: Buffer) => {
      waiting.delete(socket);
      socket.pause();
      socket.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE) {
        const peer = peerOf(socket);
        handedOn.set(peer, socket);
        socket.once('close', () => handedOn.get(peer) === socket && handedOn.delete(peer));
        https.emit('connection', socket);
      } else answerPlainHttp(socket, chunk);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => socket.destroy());
  });
  return {
    server: door,
    tcpSocket: (tls) => handedOn.get(peerOf(tls)),
    close() {
      const closed = new Promise<void>((resolve) => door.close(() => resolve()));
      for (const socket of waiting) socket.destroy();
      return closed;
    },
  };
}

/** A connection's peer: unique among one listener's open connections. */
function peerOf(socket: Socket): string {
  return `${socket.remoteAddress}|${socket.remotePort}`;
}

function answerPlainHttp(socket: Socket, head: Buffer): void {
  const text = head.toString('latin1');
  const path = /^[A-Z]+ (\/\S*) HTTP\//.exec(text)?.[1] ?? '/';
  const host = /\r\nhost: *([^\r\n]+)/i.exec(text)?.[1]?.trim() ?? `${socket.localAddress}:${socket.localPort}`;
  const url = `https://${host}${path}`;
  const message = `this port serves HTTPS, not plain HTTP: use ${url} (the provider runs with https; trust its run CA, the "CA" line of authfault idp --https, also served at /__authfault/ca.pem)`;
  const body = /\r\naccept: *[^\r\n]*text\/html/i.test(text) ? `${message}\n` : `${JSON.stringify(errorAnswer('AUTHFAULT_HTTPS_REQUIRED', message).body)}\n`;
  const type = body.startsWith('{') ? 'application/json' : 'text/plain; charset=utf-8';
  // A HEAD answer has a body's headers and never the body (RFC 9110 §9.3.2): a client reads what follows as the next answer.
  const sent = text.startsWith('HEAD ') ? '' : body;
  socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${sent}`);
}
