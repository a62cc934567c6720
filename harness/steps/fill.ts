import { z } from 'zod';
import { SETTLE_BEFORE_READING_MS } from '../drivers/user-agent.js';
import { needsBrowser } from './shared/open.js';
import { defineStep } from './step.js';

/**
 * fill — type into the field with this label, as a person reads it.
 *
 * - Needs a DOM: a scenario with it is refused with `driver: http` and skipped in an http run.
 */
export const fill = defineStep({
  args: z
    .strictObject({
      label: z.string().min(1).describe('The field’s label, as a person reads it.'),
      value: z.string().describe('What to type.'),
    })
    .describe('Type into the field with this label.'),
  model: ({ label, value }) => ({ label, value }),
  title: ({ label, value }) => `fill ${JSON.stringify(label)} with ${JSON.stringify(value)}`,
  needsBrowser: () => 'fill needs a browser: the http driver has no DOM to find the element in',
  browser: async ({ label, value }, ctx) => {
    await ctx.agent.idle(SETTLE_BEFORE_READING_MS);
    await ctx.agent.page.getByLabel(label).fill(value, { timeout: ctx.timeoutMs });
  },
  http: () => needsBrowser('fill'),
});
