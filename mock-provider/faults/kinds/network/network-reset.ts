import { z } from 'zod';
import { defineKind, INJECTION_POINTS } from '../../types.js';

/**
 * network.reset — the connection is reset (TCP RST) as soon as the request arrives.
 *
 * - The socket is closed with SO_LINGER 0, so the client's read fails with ECONNRESET
 *   ("connection reset by peer"), as behind a crashing load balancer or a firewall.
 * - No response byte is sent, and the provider never handles the request.
 */
const params = z.strictObject({});

export const networkReset = defineKind({
  kind: 'network.reset',
  category: 'network',
  summary: 'Resets the connection (TCP RST) instead of answering: the client sees ECONNRESET.',
  correctClient:
    'Treat ECONNRESET as a transport error: fail the step with a clear message; retry idempotent GETs (discovery, JWKS, userinfo) with backoff, but restart the login rather than re-send a code exchange that may already have been processed.',
  why: 'Unhandled, a reset crashes the request handler (an unhandled rejection can take the whole Node process down); retried blindly at the token endpoint, it turns into invalid_grant because codes are single-use.',
  fix: 'Catch the transport error around every provider call and map it to a "try again" page: openid-client 6 rejects with TypeError("fetch failed") whose cause.code is ECONNRESET; retry only GETs (a `customFetch` wrapper); Spring Security and ASP.NET surface it as an IOException/HttpRequestException in the token client; authlib as httpx/requests ConnectionError.',
  references: ['WireMock Fault.CONNECTION_RESET_BY_PEER', 'Toxiproxy reset_peer', 'RFC 6749 §4.1.2 (single-use codes)'],
  points: INJECTION_POINTS.filter((p) => p !== 'transport'),
  defaultPoints: ['token'],
  params,
  hooks: {
    request() {
      return { type: 'reset' };
    },
  },
});
