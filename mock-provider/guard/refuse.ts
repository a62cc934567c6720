import type { Request, Response } from 'express';
import type { ErrorCode } from '../../errors/codes.js';
import { oauthAnswer } from '../last-resort.js';
import { errorAnswer } from '../util/errors.js';

/** The control API's paths: /__authfault/…, and a tenant's /{name}/__authfault/…. */
const CONTROL_PATH = /^\/(?:[^/]+\/)?__authfault(?:\/|$)/;

/**
 * A refusal in the shape the path speaks: the control API's `{ error: CODE, message, details }`,
 * or OAuth's `{ error: "invalid_request", error_description }` everywhere else (a page for a
 * browser that asks for HTML); the status is the code's.
 */
export function refuse(req: Request, res: Response, code: ErrorCode, message: string): void {
  const { status, body } = errorAnswer(code, message);
  // Mounted routers see their own path; the whole one says whose path it is.
  if (CONTROL_PATH.test(`${req.baseUrl}${req.path}`)) res.status(status).json(body);
  else oauthAnswer(req, res, status, 'invalid_request', message);
}
