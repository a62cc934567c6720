import { z } from 'zod';
import { openInBrowser, openOverHttp, pageUrl } from './shared/open.js';
import { defineStep } from './step.js';

/**
 * visit — open a page named under `pages:` in the target config.
 *
 * - A page the config lacks skips the scenario before it runs (language/pages.ts).
 * - A load that fails or hangs is noted for the judge, never thrown.
 */
export const visit = defineStep({
  args: z.string().min(1).describe('Open a page named under `pages:` in the target config.'),
  model: (page) => ({ page }),
  title: ({ page }) => `visit ${page}`,
  page: { name: ({ page }) => page, at: [] },
  browser: async ({ page }, ctx) => {
    await openInBrowser(pageUrl(page, ctx), ctx);
  },
  http: async ({ page }, ctx) => {
    await openOverHttp(pageUrl(page, ctx), ctx);
  },
});
