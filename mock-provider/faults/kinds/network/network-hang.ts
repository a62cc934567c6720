import { z } from 'zod';
import { defineKind, INJECTION_POINTS } from '../../types.js';

/**
 * network.hang — the provider accepts the connection and the request, then never answers.
 *
 * - Not a byte of response is sent; the socket stays open until the client gives up.
 * - The engine keeps every hung socket and destroys it when faults are cleared, the provider is
 *   reset or closed, so a client still waiting then sees the connection close (not a response).
 */
const params = z.strictObject({});

export const networkHang = defineKind({
  kind: 'network.hang',
  category: 'network',
  summary: 'Accepts the request and never answers; the connection stays open until the client gives up.',
  correctClient:
    'Abort the call with its own timeout, fail that step with a clear "the login service is not answering" and free the request; never wait without bound.',
  why: 'Without a timeout one hung provider call holds the user\'s request, a server worker and a pooled connection forever; a handful of users exhaust the pool and the whole app stops answering.',
  fix: 'Give every provider call a timeout: openid-client 6 `config.timeout` (seconds, default 30) or your own `AbortSignal.timeout()` in `customFetch`; express-openid-connect `httpTimeout`; openid-client 5 / passport `custom.setHttpOptionsDefaults({ timeout })`; Spring Security read timeouts on the RestClient of the token and JWK clients; ASP.NET `BackchannelTimeout`; authlib `timeout`.',
  references: ['Toxiproxy timeout (timeout: 0 = hang until removed)', 'WireMock fixedDelayMilliseconds beyond the client timeout'],
  points: INJECTION_POINTS.filter((p) => p !== 'transport'),
  defaultPoints: ['token'],
  params,
  hooks: {
    request() {
      return { type: 'hang' };
    },
  },
});
