import { bareArgs } from '../scenario/single-key.js';
import { loadInBrowser, openOverHttp } from './shared/open.js';
import { defineStep } from './step.js';

/**
 * reload — the browser's reload button.
 *
 * - Over http: the page the person is on, loaded again (nothing, on a blank page).
 * - A reload that fails or gets no answer within the step's timeout is noted for the judge, never thrown.
 */
export const reload = defineStep({
  args: bareArgs('Reload the current page.'),
  model: () => ({}),
  title: () => 'reload',
  browser: async (_step, ctx) => {
    const { page } = ctx.agent;
    await loadInBrowser(ctx, `reloading ${page.url()}`, () => page.reload({ timeout: ctx.timeoutMs }));
  },
  http: async (_step, ctx) => {
    const here = ctx.agent.url();
    if (here === 'about:blank') return;
    await openOverHttp(here, ctx, `reloading ${here}`);
  },
});
