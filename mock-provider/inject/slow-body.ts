import type { ServerResponse } from 'node:http';

/**
 * Hold back whatever the handler writes, then send it in `chunks` pieces spread over `totalMs`:
 * the status and headers go out at once, the body crawls (a slow or congested provider).
 *
 * - Works on the raw Node response, so it serves express's `res.send`/`res.json` (one `end(body)`)
 *   and koa's (oidc-provider) `end(body)` or piped streams (many `write`s, then `end()`) alike.
 * - The bytes are the handler's own, so Content-Length, when the handler set it, stays right.
 * - Each piece waits its share of `totalMs` before it is sent, so the last byte leaves after
 *   `totalMs`: a client that knows the length cannot finish earlier.
 * - Stops quietly when the client goes away mid-body.
 */
export function trickleResponse(res: ServerResponse, chunks: number, totalMs: number): void {
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as (callback?: () => void) => ServerResponse;
  const parts: Buffer[] = [];
  const callbacks: (() => void)[] = [];
  const collect = (args: unknown[]) => {
    const [chunk, encoding] = args;
    const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
    if (callback) callbacks.push(callback);
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    parts.push(Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  res.write = ((...args: unknown[]) => {
    collect(args);
    return true;
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    collect(args);
    void send();
    return res;
  }) as ServerResponse['end'];

  async function send() {
    const body = Buffer.concat(parts);
    const pieces = Math.max(1, Math.min(chunks, body.length));
    const size = Math.ceil(body.length / pieces);
    const pause = body.length === 0 ? 0 : totalMs / pieces;
    res.flushHeaders();
    for (let offset = 0; offset < body.length; offset += size) {
      // The pacing is the fault itself: a body that arrives slowly.
      await new Promise((resolve) => setTimeout(resolve, pause));
      if (res.destroyed) return;
      write(body.subarray(offset, offset + size));
    }
    end(() => {
      for (const callback of callbacks) callback();
    });
  }
}
