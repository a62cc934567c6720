import { z } from 'zod';
import { SETTLE_BEFORE_READING_MS } from '../drivers/user-agent.js';
import { findFields } from '../drivers/http/find.js';
import { defineStep } from './step.js';

/**
 * fill — type into the field with this label, as a person reads it.
 *
 * - Over http: the field labelled so in a form of the page (as getByLabel finds it); the value is
 *   sent when a click submits that form, and forgotten when another page is shown.
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
  browser: async ({ label, value }, ctx) => {
    await ctx.agent.idle(SETTLE_BEFORE_READING_MS);
    await ctx.agent.page.getByLabel(label).fill(value, { timeout: ctx.timeoutMs });
  },
  http: async ({ label, value }, ctx) => {
    const { agent } = ctx;
    await agent.settle(SETTLE_BEFORE_READING_MS);
    const found = findFields(agent.page.body, label);
    const where = `on the page (at ${agent.url()})`;
    if (found.length === 0) throw new Error(`there is no field labelled ${JSON.stringify(label)} ${where}`);
    // As Playwright's fill is strict: two fields would leave it unclear which one was meant.
    if (found.length > 1) throw new Error(`${found.length} fields are labelled ${JSON.stringify(label)} ${where}: name one exactly`);
    const [{ field, refused }] = found as [(typeof found)[number]];
    if (refused) throw new Error(`the field labelled ${JSON.stringify(label)} cannot be filled: ${refused}`);
    agent.type(field, value);
  },
});
