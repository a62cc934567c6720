import { expect as pwExpect } from '@playwright/test';
import type { StepContext } from './context.js';
import { locate, type Target } from './locate.js';

/** click — a button, link or any element, found by role and name, text, or selector. */
export async function click(step: { target: Target }, ctx: StepContext): Promise<void> {
  await locate(ctx.page, step.target).first().click({ timeout: ctx.timeoutMs });
  await ctx.page.waitForLoadState('load', { timeout: ctx.timeoutMs });
}

/** fill — type into the field with this label. */
export async function fill(step: { label: string; value: string }, ctx: StepContext): Promise<void> {
  await ctx.page.getByLabel(step.label).fill(step.value, { timeout: ctx.timeoutMs });
}

/** expect — the page shows this text, or its URL matches (substring, or /regex/). */
export async function expectPage(step: { text?: string; url?: string }, ctx: StepContext): Promise<void> {
  if (step.text !== undefined) await pwExpect(ctx.page.getByText(step.text).first()).toBeVisible({ timeout: ctx.timeoutMs });
  if (step.url !== undefined) {
    const pattern = /^\/(.*)\/([a-z]*)$/.exec(step.url);
    await pwExpect(ctx.page).toHaveURL(pattern ? new RegExp(pattern[1]!, pattern[2]) : (url) => url.href.includes(step.url!), { timeout: ctx.timeoutMs });
  }
}
