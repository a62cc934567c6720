import { z } from 'zod';
import { defineKind, INJECTION_POINTS } from '../../types.js';

/**
 * network.empty-response — the connection is closed cleanly without a byte of response.
 *
 * - An orderly close (FIN), not a reset: the client reads end-of-stream where a status line
 *   should be ("other side closed", "socket hang up"), as when a proxy drops an upstream error.
 * - The provider never handles the request.
 */
const params = z.strictObject({});

export const networkEmptyResponse = defineKind({
  kind: 'network.empty-response',
  category: 'network',
  summary: 'Closes the connection without sending a byte of response (an empty reply).',
  correctClient:
    'Treat it as a transport error: fail the step with a clear message; retry only idempotent GETs (discovery, JWKS, userinfo) with backoff; never treat the missing body as an empty success.',
  why: 'Clients that catch only HTTP errors crash on it or, worse, read the missing body as "no claims" and carry on with an empty identity; a blind retry of the code exchange fails on the single-use code.',
  fix: 'Handle the transport error around every provider call: with openid-client 6 the rejection is TypeError("fetch failed") with cause.code UND_ERR_SOCKET; with Node http (openid-client 5, passport) "socket hang up" ECONNRESET; retry GETs only, with backoff (a `customFetch` wrapper).',
  references: ['WireMock Fault.EMPTY_RESPONSE', 'curl (52) Empty reply from server'],
  points: INJECTION_POINTS.filter((p) => p !== 'transport'),
  defaultPoints: ['token'],
  params,
  hooks: {
    request() {
      return { type: 'empty' };
    },
  },
});
