import { bareArgs } from '../scenario/single-key.js';
import { openInBrowser, openOverHttp } from './shared/open.js';
import { defineStep } from './step.js';

/**
 * replay-callback — open the last callback URL (code and state included) again, as an attacker
 * who got hold of it would. What the app does with it is judged.
 *
 * - A scenario that never came back from the provider has nothing to replay: the step fails.
 */
export const replayCallback = defineStep({
  args: bareArgs('Open the last callback URL (the provider’s redirect back to the app, with its code and state) again, as an attacker replaying it would.'),
  model: () => ({}),
  title: () => 'replay the last callback',
  browser: async (_step, ctx) => {
    const url = ctx.obs.lastCallbackUrl;
    if (!url) throw new Error('no callback to replay: the provider never sent the browser back to the app in this scenario');
    await openInBrowser(url, ctx);
  },
  http: async (_step, ctx) => {
    const url = ctx.obs.lastCallbackUrl;
    if (!url) throw new Error('no callback to replay: the provider never sent the user agent back to the app in this scenario');
    await openOverHttp(url, ctx);
  },
});
