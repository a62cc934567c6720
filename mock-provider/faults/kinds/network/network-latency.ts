import { z } from 'zod';
import { defineKind, INJECTION_POINTS } from '../../types.js';

/**
 * network.latency — the provider answers, but late.
 *
 * - The delay is drawn per request from the fault's own seeded generator, so a run's seed
 *   reproduces every delay exactly.
 * - fixed: always `ms`. uniform: evenly spread over `ms` ± `jitter_ms` (never below 0).
 *   lognormal: median `ms`, with `ms + jitter_ms` one standard deviation up (σ = ln(1 + jitter/ms)),
 *   the long tail of real networks (WireMock's lognormal delay); `max_ms` caps the tail.
 * - The request is held before the provider sees it, so the whole answer (headers included) is late.
 */
const params = z.strictObject({
  ms: z.int().min(0).default(1000).describe('Delay in milliseconds: the fixed value, the centre (uniform) or the median (lognormal).'),
  jitter_ms: z.int().min(0).default(0).describe('Spread in milliseconds: ± for uniform, one standard deviation above the median for lognormal.'),
  distribution: z.enum(['fixed', 'uniform', 'lognormal']).default('fixed').describe('How delays are drawn around `ms`.'),
  max_ms: z.int().min(0).optional().describe('Upper bound for every drawn delay (caps the lognormal tail); no bound by default.'),
});

export type LatencyParams = z.infer<typeof params>;

/** One delay in milliseconds, drawn with `random` (uniform on [0, 1)). */
export function drawDelay(p: LatencyParams, random: () => number): number {
  let ms: number;
  switch (p.distribution) {
    case 'fixed':
      ms = p.ms;
      break;
    case 'uniform':
      ms = p.ms - p.jitter_ms + random() * 2 * p.jitter_ms;
      break;
    case 'lognormal': {
      if (p.ms === 0) {
        ms = 0;
        break;
      }
      const sigma = Math.log(1 + p.jitter_ms / p.ms);
      // Box–Muller; 1 - random() keeps the logarithm away from 0.
      const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      ms = p.ms * Math.exp(sigma * z);
      break;
    }
  }
  return Math.round(Math.min(Math.max(0, ms), p.max_ms ?? Infinity));
}

export const networkLatency = defineKind({
  kind: 'network.latency',
  category: 'network',
  summary: 'Delays the answer by a fixed or randomly drawn (uniform, lognormal) number of milliseconds.',
  correctClient:
    'Keep working while the provider is slow: timeouts sized for the slow tail (not the median), no duplicate submissions of a login form, and a clear message when a timeout does fire.',
  why: 'A login path without timeouts ties up a worker per user while the provider is slow; timeouts set for the median fail every user in the tail, and impatient retries of the code exchange fail because codes are single-use.',
  fix: 'Set an explicit timeout on every provider call, sized for the tail: openid-client 6 `config.timeout` (seconds, default 30); express-openid-connect `httpTimeout`; passport-openidconnect/openid-client 5 `custom.setHttpOptionsDefaults({ timeout })`; Spring Security a RestClient/RestTemplate with connect and read timeouts on the token and JWK clients; ASP.NET `OpenIdConnectOptions.BackchannelTimeout`; authlib `timeout` in the client kwargs.',
  references: [
    'WireMock delayDistribution lognormal / uniform / fixedDelayMilliseconds',
    'Toxiproxy latency (latency, jitter)',
    'RFC 6749 §4.1.2 (single-use codes: do not blindly re-send the exchange)',
  ],
  points: INJECTION_POINTS.filter((p) => p !== 'transport'),
  defaultPoints: ['token'],
  params,
  hooks: {
    request(_req, p, _state, env) {
      return { type: 'delay', ms: drawDelay(p, env.random) };
    },
  },
});
