import { z } from 'zod';
import { urlPattern, urlPatternSchema } from '../scenario/url-pattern.js';
import { oneOf } from '../util/one-of.js';
import { defineStep } from './step.js';

/**
 * expect — check the page mid-scenario: it shows `text`, and/or its URL matches `url` (a
 * substring, or /regex/). A failed check fails the step.
 *
 * - A page still loading is waited for first (within the step's timeout); in the browser a load
 *   still waiting then is stopped, so that the page shown can be read.
 */
export const expectPage = defineStep({
  args: z
    .strictObject({
      text: z.string().min(1).optional().describe('Text the page must show.'),
      url: urlPatternSchema.optional(),
    })
    .superRefine(oneOf(['text', 'url'], { missing: 'expect needs text or url' }))
    .describe('Check the page: it shows `text`, and/or its URL matches `url`. A failed check fails the step.'),
  model: ({ text, url }) => ({ ...(text !== undefined ? { text } : {}), ...(url !== undefined ? { url } : {}) }),
  title: ({ text, url }) => `expect ${[...(text !== undefined ? [`text ${JSON.stringify(text)}`] : []), ...(url !== undefined ? [`URL ${url}`] : [])].join(' and ')}`,
  browser: async (step, ctx) => {
    // Loaded here, not with the step table: validating scenario files needs no Playwright.
    const { expect } = await import('@playwright/test');
    const { page } = ctx.agent;
    // As over http: a page still loading is waited for (within the step's timeout), then read as shown.
    await ctx.agent.idle(ctx.timeoutMs);
    if (step.text !== undefined) await expect(page.getByText(step.text).first()).toBeVisible({ timeout: ctx.timeoutMs });
    if (step.url !== undefined) {
      const pattern = urlPattern(step.url);
      await expect(page).toHaveURL(typeof pattern === 'string' ? (url) => url.href.includes(pattern) : pattern, { timeout: ctx.timeoutMs });
    }
  },
  http: async (step, ctx) => {
    const { agent } = ctx;
    await agent.settle(ctx.timeoutMs);
    if (step.text !== undefined && !agent.shownText().includes(step.text)) {
      throw new Error(`expected the page to show ${JSON.stringify(step.text)}; it is at ${agent.url()} and shows ${excerpt(agent.shownText())}`);
    }
    if (step.url !== undefined) {
      const pattern = urlPattern(step.url);
      const ok = typeof pattern === 'string' ? agent.url().includes(pattern) : pattern.test(agent.url());
      if (!ok) throw new Error(`expected the URL to match ${step.url}; it is ${agent.url()}`);
    }
  },
});

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 120 ? `${flat.slice(0, 117)}...` : flat);
}
