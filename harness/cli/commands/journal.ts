import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { INJECTION_POINTS, type JournalEntry } from '../../../mock-provider/common.js';
import { usageError } from '../../util/usage-error.js';
import { connectionProblem } from './control-fetch.js';
import { call, resolveBase, type FaultCliOptions } from './fault.js';

export interface JournalCliOptions extends FaultCliOptions {
  follow?: boolean;
  endpoint?: string[];
}

/**
 * `authfault journal`: the requests a running provider saw (GET /__authfault/journal), one line
 * each, oldest first; `--follow` keeps printing them as they end, from the control API's event
 * stream (/events). `--endpoint token,userinfo` keeps those injection points only; `--json`
 * prints each entry as one JSON line.
 */
export async function journalCommand(options: JournalCliOptions): Promise<number> {
  const endpoints = (options.endpoint ?? []).flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean);
  const known = [...INJECTION_POINTS, 'other'];
  for (const e of endpoints) {
    if (!known.includes(e as (typeof known)[number])) throw usageError('AUTHFAULT_BAD_OPTION', `--endpoint must be one of ${known.join(', ')}, got "${e}"`);
  }
  const print = (entry: JournalEntry) => {
    if (endpoints.length > 0 && !endpoints.includes(entry.endpoint)) return;
    process.stdout.write(`${options.json ? JSON.stringify(entry) : line(entry)}\n`);
  };
  if (!options.follow) {
    const { entries } = (await (await call(options, 'GET', '/journal?since=0')).json()) as { entries: JournalEntry[] };
    if (entries.length === 0 && !options.json) process.stderr.write('the journal is empty: no request yet\n');
    entries.forEach(print);
    return 0;
  }
  const base = await resolveBase(options);
  await follow(`${base}/events?since=0`, options, (event, data) => {
    const d = data as { phase?: string; entry?: JournalEntry };
    if (event === 'journal' && d.phase === 'end' && d.entry) print(d.entry);
    if (event === 'journal-cleared' && !options.json) process.stderr.write('— journal cleared —\n');
  });
  return 0;
}

/** One entry as a line: id, time, method, endpoint, path, status, duration, client, faults. */
export function line(e: JournalEntry): string {
  const time = e.time.slice(11, 23);
  // A TLS connection has no status: what the client did with the certificate is its outcome.
  const status = e.tls ? `handshake ${e.tls.handshake}${e.tls.requestSent ? ', request sent' : ''} (${e.tls.certificate})` : e.status ? String(e.status) : (e.outcome ?? '…');
  const faults = e.faults.map((f) => `${f.kind}: ${f.effect}`).join('; ');
  return [`#${e.id}`, time, e.method.padEnd(6), e.endpoint.padEnd(13), e.path, status, `${Math.round(e.durationMs)} ms`, e.clientId ?? '', faults ? `[${faults}]` : '']
    .filter((part) => part !== '')
    .join('  ');
}

/** Read a server-sent event stream until the provider goes away or the process is stopped. */
function follow(url: string, options: JournalCliOptions, onEvent: (event: string, data: unknown) => void): Promise<void> {
  const caFile = options.ca ?? process.env.AUTHFAULT_CA;
  const https = url.startsWith('https:');
  const ca = https && caFile ? readFileSync(caFile, 'utf8') : undefined;
  const headers = { accept: 'text/event-stream', ...(process.env.AUTHFAULT_ADMIN_TOKEN ? { authorization: `Bearer ${process.env.AUTHFAULT_ADMIN_TOKEN}` } : {}) };
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(usageError('AUTHFAULT_CONTROL_ERROR', `the provider answered ${res.statusCode} to GET ${url}`));
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) onEvent(event, JSON.parse(data));
        }
      });
      res.on('end', () => {
        process.stderr.write('the provider closed the event stream (it stopped)\n');
        resolve();
      });
    };
    const req = https ? httpsRequest(url, { headers, ...(ca ? { ca } : {}) }, onResponse) : httpRequest(url, { headers }, onResponse);
    req.on('error', (error: NodeJS.ErrnoException) => reject(usageError('AUTHFAULT_IDP_UNREACHABLE', connectionProblem(error.code ?? error.message, url.replace(/\/events.*$/, ''), Boolean(caFile)))));
    req.end();
  });
}
