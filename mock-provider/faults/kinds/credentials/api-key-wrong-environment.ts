import { z } from 'zod';
import { defineKind } from '../../types.js';
import { marker } from '../shared/api-credentials.js';

/**
 * api-key.wrong-environment — the mock API behaves as the other environment's API: a valid test
 * key is refused as "a test key sent to the live API" (401 `error="api_key_wrong_environment"`),
 * and the other way round.
 *
 * - `environment` is the environment the API pretends to be; by default the one the key is not
 *   from. A key of that environment is served as usual (the fault is not applied).
 * - API key calls only.
 */
const params = z.strictObject({
  environment: z.enum(['test', 'live']).optional().describe('The environment the API pretends to run in; default: the other one than the key\'s.'),
});

export const apiKeyWrongEnvironment = defineKind({
  kind: 'api-key.wrong-environment',
  category: 'credentials',
  summary: 'The protected API refuses a valid API key as belonging to the other environment (a test key at the live API, or a live key at the test API).',
  correctClient:
    'Say plainly which environment the key is for and which the API is (from the prefix: af_test_ / af_live_), and fail at start-up when configuration pairs a key with the wrong API URL — never fall back to the other environment.',
  why: 'A test key deployed to production (or a live key in a test suite) is one of the most common API key incidents: production calls fail, or tests charge real money and touch real data.',
  fix: 'Check the key\'s prefix against the API base URL when the app starts (Stripe-style `sk_test_`/`sk_live_` prefixes exist for this) and keep per-environment keys in per-environment secrets.',
  references: ['RFC 9110 §15.5.2 (401)', 'Stripe API keys: test and live modes'],
  points: ['api'],
  defaultPoints: ['api'],
  params,
  hooks: {
    api(call, p) {
      const c = call.credential;
      if (c.kind !== 'api-key' || c.environment === undefined) return undefined;
      const api = p.environment ?? (c.environment === 'test' ? 'live' : 'test');
      if (api === c.environment) return undefined;
      return {
        error: 'api_key_wrong_environment',
        description: `the ${c.environment} API key ${c.shown ?? ''} was sent to the ${api} API, which accepts only ${api} keys (af_${api}_…) ${marker('api-key.wrong-environment')}`,
        found: `${c.label} in ${c.foundIn}`,
        expected: `a ${api} API key (af_${api}_…) in the ${call.keyHeader} header`,
      };
    },
  },
});
