import { createServer, type Server, type Socket } from 'node:net';
import type { Server as HttpsServer } from 'node:https';
import { errorAnswer } from '../util/errors.js';

/** The first byte of every TLS connection: a handshake record. */
const TLS_HANDSHAKE = 0x16;

/**
 * The port of an HTTPS listener. It reads a connection's first bytes: a TLS handshake goes on to
 * `https` unchanged; anything else is plain HTTP sent to an HTTPS port (`curl http://…`,
 * `authfault fault list` without `https://`), which a TLS server would drop with an empty reply.
 * It gets a 400 that says which URL to use instead.
 */
export function httpsDoor(https: HttpsServer): { server: Server; close(): Promise<void> } {
  // Connections that have sent nothing yet belong to no server that could close them.
  const waiting = new Set<Socket>();
  const door = createServer((socket) => {
    waiting.add(socket);
    socket.once('close', () => waiting.delete(socket));
    socket.once('data', (chunk: Buffer) => {
      waiting.delete(socket);
      socket.pause();
      socket.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE) https.emit('connection', socket);
      else answerPlainHttp(socket, chunk);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => socket.destroy());
  });
  return {
    server: door,
    close() {
      const closed = new Promise<void>((resolve) => door.close(() => resolve()));
      for (const socket of waiting) socket.destroy();
      return closed;
    },
  };
}

function answerPlainHttp(socket: Socket, head: Buffer): void {
  const text = head.toString('latin1');
  const path = /^[A-Z]+ (\/\S*) HTTP\//.exec(text)?.[1] ?? '/';
  const host = /\r\nhost: *([^\r\n]+)/i.exec(text)?.[1]?.trim() ?? `${socket.localAddress}:${socket.localPort}`;
  const url = `https://${host}${path}`;
  const message = `this port serves HTTPS, not plain HTTP: use ${url} (the provider runs with https; trust its run CA, the "CA" line of authfault idp --https, also served at /__authfault/ca.pem)`;
  const body = /\r\naccept: *[^\r\n]*text\/html/i.test(text) ? `${message}\n` : `${JSON.stringify(errorAnswer('AUTHFAULT_HTTPS_REQUIRED', message).body)}\n`;
  const type = body.startsWith('{') ? 'application/json' : 'text/plain; charset=utf-8';
  socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
