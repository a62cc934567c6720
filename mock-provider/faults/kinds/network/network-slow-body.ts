import { z } from 'zod';
import { defineKind, INJECTION_POINTS } from '../../types.js';

/**
 * network.slow-body — the real answer, but its body trickles in.
 *
 * - The provider handles the request normally; status and headers go out at once, then the body
 *   follows in `chunks` equal pieces, one every `total_ms / chunks`, so the last byte arrives
 *   after `total_ms` (WireMock's chunkedDribbleDelay). Content-Length stays the real one.
 * - A client that times only the first byte is fine; one with a whole-response deadline shorter
 *   than `total_ms` aborts mid-body.
 */
const params = z.strictObject({
  chunks: z.int().min(1).max(1000).default(5).describe('How many pieces the body is sent in (fewer when the body is shorter).'),
  total_ms: z.int().min(0).default(5000).describe('Milliseconds from the headers to the last byte of the body.'),
});

export const networkSlowBody = defineKind({
  kind: 'network.slow-body',
  category: 'network',
  summary: 'Sends the real response, but dribbles its body in chunks over total_ms (headers at once).',
  correctClient:
    'Apply a deadline to the whole response, not just to connecting or the first byte, and size it for a slow network; a body that arrives within it is used as normal.',
  why: 'A client that only times the connection hangs on a dribbling body as long as the provider keeps sending, holding workers and pooled connections; one with a deadline too short for real networks fails every user on a slow link.',
  fix: 'Use a whole-request deadline: openid-client 6 `config.timeout` covers headers and body (it is an AbortSignal on the fetch); with plain fetch pass `signal: AbortSignal.timeout(ms)` and read the body under it; Node http `timeout` is only an idle timer between chunks; Spring Security a read timeout plus an overall response timeout on the RestClient; ASP.NET `BackchannelTimeout` covers the whole response.',
  references: ['WireMock chunkedDribbleDelay (numberOfChunks, totalDuration)', 'Toxiproxy bandwidth / slicer'],
  points: INJECTION_POINTS.filter((p) => p !== 'transport'),
  defaultPoints: ['token'],
  params,
  hooks: {
    request(_req, p) {
      return { type: 'slow-body', chunks: p.chunks, totalMs: p.total_ms };
    },
  },
});
