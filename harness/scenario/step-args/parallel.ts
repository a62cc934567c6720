import { z } from 'zod';
import { SCENARIO_DEFAULTS } from '../defaults.js';
import { appUrlSchema } from './app-url.js';

const WAYS = ['visit', 'url'];

/**
 * `n` page loads at once, each in its own tab of the same browser context: they share the
 * session cookie, as a person's tabs (or a page's parallel fetches) do. That is how a refresh
 * stampede or a burst against a rate limit is provoked.
 */
export const parallelArgs = z
  .strictObject({
    visit: z.string().min(1).optional().describe('A page named under `pages:` in the target config.'),
    url: appUrlSchema.optional(),
    n: z.int().min(2).max(SCENARIO_DEFAULTS.maxParallel).describe(`How many loads start together (2–${SCENARIO_DEFAULTS.maxParallel}).`),
  })
  .superRefine((p, ctx) => {
    const ways = [p.visit, p.url].filter((v) => v !== undefined).length;
    if (ways !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: ways === 0 ? 'parallel needs visit (a named page) or url' : 'parallel loads one page: visit or url, not both',
        params: { code: ways === 0 ? 'MISSING_ONE_OF' : 'CONFLICTING_KEYS', allowed: WAYS },
      });
    }
  })
  .describe('Load a page n times at once in the same browser context (a stampede): `parallel: { visit: burst, n: 5 }`.');
