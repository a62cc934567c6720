import type { NextFunction, Request, Response } from 'express';

/** The login and consent forms carry a user id and a button's value: a few hundred bytes at most. */
const MAX_BYTES = 16 * 1024;

/**
 * Reads an application/x-www-form-urlencoded body into `req.body` with URLSearchParams.
 * express.urlencoded would do the same through body-parser and iconv-lite, whose encoding tables
 * load on the first form parsed: about 40 ms added to the first login of every run (measured in
 * bench/cold-start.mjs), for forms that are always UTF-8.
 */
export function formBody(req: Request, res: Response, next: NextFunction): void {
  if (!req.is('application/x-www-form-urlencoded')) {
    req.body = {};
    next();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BYTES) chunks.push(chunk);
    // Past the limit the rest is read and dropped, so the 413 reaches the client.
  });
  req.on('end', () => {
    if (size > MAX_BYTES) {
      res.status(413).type('text').send(`The form is larger than ${MAX_BYTES} bytes; a login or consent form is a few hundred.`);
      return;
    }
    req.body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    next();
  });
  req.on('error', next);
}
