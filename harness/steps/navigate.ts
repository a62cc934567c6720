import type { StepContext } from './context.js';

/** goto — open a URL (or a path relative to the app) as a person typing it would. */
export async function goto(step: { url: string }, ctx: StepContext): Promise<void> {
  await open(ctx.url(step.url), ctx);
}

/** visit — open a named page from the target config. */
export async function visit(step: { page: string }, ctx: StepContext): Promise<void> {
  const url = ctx.pages[step.page];
  if (!url) throw new Error(`no page named "${step.page}" in the target config (pages: ${Object.keys(ctx.pages).join(', ') || 'none'})`);
  await open(url, ctx);
}

/** A failed navigation is the app's behaviour (a reset, a hang): noted for the judge, not thrown. */
async function open(url: string, ctx: StepContext) {
  await ctx.page.goto(url, { timeout: ctx.timeoutMs }).catch((error: Error) => {
    ctx.obs.notes.push(`opening ${url} failed: ${error.message.split('\n')[0]}`);
  });
}
