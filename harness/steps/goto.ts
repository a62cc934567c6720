import { appUrlSchema } from '../scenario/app-url.js';
import { openInBrowser, openOverHttp } from './shared/open.js';
import { defineStep } from './step.js';

/**
 * goto — open a URL, or a path relative to the app, as a person typing it would.
 *
 * - A load that fails, or gets no answer within the step's timeout, is the app's behaviour: noted
 *   for the judge, never thrown.
 */
export const goto = defineStep({
  args: appUrlSchema.describe('Open a URL, or a path relative to the app (`/profile`).'),
  model: (url) => ({ url }),
  title: ({ url }) => `go to ${url}`,
  browser: async ({ url }, ctx) => {
    await openInBrowser(ctx.url(url), ctx);
  },
  http: async ({ url }, ctx) => {
    await openOverHttp(ctx.url(url), ctx);
  },
});
