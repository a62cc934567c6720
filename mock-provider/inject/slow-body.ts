import type { Response } from 'express';

/**
 * Hold back whatever the handler writes, then send it in `chunks` pieces spread over `totalMs`:
 * the status and headers go out at once, the body crawls (a slow or congested provider).
 */
export function trickleResponse(res: Response, chunks: number, totalMs: number): void {
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as () => Response;
  const parts: Buffer[] = [];
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  res.write = ((chunk: unknown, encoding?: unknown) => {
    collect(chunk, encoding);
    return true;
  }) as Response['write'];
  res.end = ((chunk?: unknown, encoding?: unknown) => {
    collect(chunk, encoding);
    void send();
    return res;
  }) as Response['end'];

  async function send() {
    const body = Buffer.concat(parts);
    const size = Math.max(1, Math.ceil(body.length / chunks));
    const pause = totalMs / chunks;
    res.flushHeaders();
    for (let offset = 0; offset < body.length; offset += size) {
      if (res.destroyed) return;
      write(body.subarray(offset, offset + size));
      // The pacing is the fault itself: a body that arrives slowly.
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
    end();
  }
}
