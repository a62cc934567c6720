import { bareArgs } from '../scenario/single-key.js';
import { noteFailure } from './shared/notes.js';
import { openOverHttp } from './shared/open.js';
import { defineStep } from './step.js';

/**
 * reload — the browser's reload button.
 *
 * - Over http: the page the person is on, loaded again (nothing, on a blank page).
 * - A reload that fails is noted for the judge, never thrown.
 */
export const reload = defineStep({
  args: bareArgs('Reload the current page.'),
  model: () => ({}),
  title: () => 'reload',
  browser: async (_step, ctx) => {
    const { page } = ctx.agent;
    await page.reload({ timeout: ctx.timeoutMs }).catch(noteFailure(ctx, `reloading ${page.url()}`));
  },
  http: async (_step, ctx) => {
    const here = ctx.agent.url();
    if (here === 'about:blank') return;
    await openOverHttp(here, ctx, `reloading ${here}`);
  },
});
