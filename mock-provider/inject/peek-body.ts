import type { IncomingMessage } from 'node:http';

const FORM = /^application\/x-www-form-urlencoded\b/i;
const LIMIT = 1024 * 1024;
let quieted = false;

/**
 * Read a form body before oidc-provider does, so request-phase faults can see a client_id sent
 * with client_secret_post (or by a public client) and the grant_type. The raw bytes are left on
 * `req.body`, which oidc-provider parses exactly as it parses the stream; it then warns once that
 * an upstream parser ran, which here is by design, so that one line is kept quiet.
 */
export async function peekForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  if (req.method !== 'POST' || !FORM.test(req.headers['content-type'] ?? '') || !req.readable) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > LIMIT) return undefined;
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  (req as IncomingMessage & { body?: Buffer }).body = raw;
  quietUpstreamParserWarning();
  return new URLSearchParams(raw.toString('utf8'));
}

function quietUpstreamParserWarning() {
  if (quieted) return;
  quieted = true;
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('already parsed request body detected')) return;
    warn(...args);
  };
}
