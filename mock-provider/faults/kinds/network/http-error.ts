import { z } from 'zod';
import { defineKind, INJECTION_POINTS } from '../../types.js';

/**
 * http.error — the provider answers with an HTTP error status instead of handling the request.
 *
 * - `status` is any 4xx or 5xx. Without `body`, the body is OAuth's error shape: `error` is
 *   temporarily_unavailable for 429, 502, 503 and 504 (the provider is overloaded or down) and
 *   server_error otherwise (RFC 6749 §4.1.2.1 defines both).
 * - A string `body` is sent as text/plain, an object as application/json; `content_type` overrides
 *   either (an HTML error page from a proxy, say).
 * - `retry_after_s` sets Retry-After; Cache-Control no-store keeps caches from keeping the error.
 */
const params = z.strictObject({
  status: z.int().min(400).max(599).describe('The HTTP status to answer with (400-599).'),
  body: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .optional()
    .describe('The body: a string, or a JSON object; default an OAuth error object chosen by status.'),
  retry_after_s: z.int().min(0).optional().describe('Seconds to send in Retry-After; no header by default.'),
  content_type: z.string().min(1).optional().describe('Content-Type to send instead of the one implied by the body.'),
});

const UNAVAILABLE = new Set([429, 502, 503, 504]);

export const httpError = defineKind({
  kind: 'http.error',
  category: 'network',
  summary: 'Answers with an HTTP error status (4xx/5xx) and an OAuth-shaped or given body instead of the real response.',
  correctClient:
    'Fail that step cleanly with a message that says the provider is unavailable (never a stack trace or a half-signed-in session); honour Retry-After; retry idempotent GETs with backoff, but not a code exchange that may have been processed.',
  why: 'Apps that expect only success crash or loop on provider errors, show internal details, or retry at once and keep an overloaded provider down; a retried code exchange fails anyway because codes are single-use.',
  fix: 'Catch the library\'s error and render a "sign-in is unavailable, try again" page: openid-client 6 rejects with ResponseBodyError (`.status`, `.error`, `.error_description`) for OAuth-shaped bodies; jose `createRemoteJWKSet` with JOSEError "Expected 200 OK from the JSON Web Key Set HTTP response"; express-openid-connect passes the error to `next(err)` so add an error handler; Spring Security maps it to OAuth2AuthenticationException (configure `failureHandler`); ASP.NET raises `OnRemoteFailure`; read Retry-After before any retry.',
  references: ['RFC 6749 §5.2', 'RFC 6749 §4.1.2.1 (server_error, temporarily_unavailable)', 'RFC 9110 §15.6', 'RFC 9110 §10.2.3 (Retry-After)'],
  points: INJECTION_POINTS.filter((p) => p !== 'transport'),
  defaultPoints: ['token'],
  params,
  hooks: {
    request(_req, p) {
      const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
      if (p.retry_after_s !== undefined) headers['Retry-After'] = String(p.retry_after_s);
      const body = p.body ?? defaultBody(p.status);
      headers['Content-Type'] = p.content_type ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
      return { type: 'respond', status: p.status, headers, body };
    },
  },
});

function defaultBody(status: number): Record<string, string> {
  return UNAVAILABLE.has(status)
    ? { error: 'temporarily_unavailable', error_description: `the provider is temporarily unavailable (HTTP ${status}, authfault http.error fault)` }
    : { error: 'server_error', error_description: `the provider failed to handle the request (HTTP ${status}, authfault http.error fault)` };
}
