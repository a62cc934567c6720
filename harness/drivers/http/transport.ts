import { Agent as HttpPool, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsPool, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { CookieJar } from 'tough-cookie';

/** A response as a browser reads it. */
export interface Answer {
  status: number;
  /** Lower-case names; repeated headers joined with ", " (set-cookie is applied to the jar, not kept). */
  headers: Record<string, string>;
  body: string;
  /**
   * Bytes the server wrote on the connection after the response ended where its Content-Length
   * said: not HTTP, so a browser shows the response, drops them and closes the connection.
   */
  trailing?: { bytes: number; start: string };
}

export interface Send {
  method: 'GET' | 'POST';
  form?: Record<string, string>;
  /** Ends the request and its connection, as a browser cancels a load that a new navigation replaces. */
  signal: AbortSignal;
}

/** What the agent accepts for a page, as a browser asks for a document. */
const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/**
 * The http driver's wire: node's own HTTP client, one cookie jar (tough-cookie: RFC 6265
 * domain, path, expiry and Secure rules), keep-alive connections as a browser keeps them, and
 * responses read as Chromium reads them. Playwright's request API, which it replaces, fails a
 * whole response when the server writes anything after it (mod_auth_openidc 2.4.12 answers some
 * callbacks with Content-Length: 446 and Apache then writes an error page on the same
 * connection): Chromium shows the 446 bytes, and so does this. Node's parser reports the extra
 * bytes as an error only after it has delivered the complete response; they are kept as
 * `trailing` for the judge, and the connection is closed.
 */
export class Transport {
  readonly #jar = new CookieJar();
  readonly #http = new HttpPool({ keepAlive: true });
  readonly #https: HttpsPool;

  constructor(options: { ignoreHTTPSErrors: boolean }) {
    this.#https = new HttpsPool({ keepAlive: true, rejectUnauthorized: !options.ignoreHTTPSErrors });
  }

  async send(url: URL, { method, form, signal }: Send): Promise<Answer> {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const cookie = await this.#jar.getCookieString(url.href);
    const headers: Record<string, string> = {
      accept: ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': 'authfault (http driver)',
      ...(cookie ? { cookie } : {}),
      ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } : {}),
    };
    const https = url.protocol === 'https:';
    const { response, trailing } = await new Promise<{ response: IncomingMessage; trailing: Promise<Answer['trailing']> }>((resolve, reject) => {
      let settle: (t: Answer['trailing']) => void = () => undefined;
      const trailing = new Promise<Answer['trailing']>((r) => (settle = r));
      let received: IncomingMessage | undefined;
      const request = (https ? httpsRequest : httpRequest)(url, { method, headers, agent: https ? this.#https : this.#http, signal }, (response) => {
        received = response;
        response.once('end', () => settle(undefined));
        resolve({ response, trailing });
      });
      request.on('error', (error: Error & { bytesParsed?: number; rawPacket?: Buffer }) => {
        if (received?.complete && error.rawPacket && error.bytesParsed !== undefined) {
          const extra = error.rawPacket.subarray(error.bytesParsed);
          settle({ bytes: extra.length, start: extra.subarray(0, 60).toString('latin1') });
          return;
        }
        reject(error);
      });
      request.end(body);
    });
    for (const line of response.headers['set-cookie'] ?? []) await this.#jar.setCookie(line, url.href, { ignoreError: true });
    const text = await readBody(response);
    const answer: Answer = { status: response.statusCode ?? 0, headers: flatten(response.headers), body: text };
    const extra = await trailing;
    return extra ? { ...answer, trailing: extra } : answer;
  }

  /** Names of the cookies the jar would send to `url`. */
  async cookieNames(url: string): Promise<string[]> {
    return (await this.#jar.getCookies(url)).map((c) => c.key);
  }

  /** Ends every connection, and with them any load still waiting. */
  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }
}

/** The body as text, decoded as the response's Content-Encoding says (what a browser accepts). */
async function readBody(response: IncomingMessage): Promise<string> {
  const encoding = response.headers['content-encoding']?.trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  const stream: Readable = decoder ? response.pipe(decoder) : response;
  if (decoder) response.on('error', (error) => decoder.destroy(error));
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch (error) {
    if (decoder) throw Object.assign(new Error(`content decoding failed (${(error as Error).message})`), { code: 'ERR_CONTENT_DECODING_FAILED' });
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function flatten(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && name !== 'set-cookie') flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
