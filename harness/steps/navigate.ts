import { noteFailure, type StepContext } from './context.js';

/** goto — open a URL (or a path relative to the app) as a person typing it would. */
export async function goto(step: { url: string }, ctx: StepContext): Promise<void> {
  await open(ctx.url(step.url), ctx);
}

/** visit — open a named page from the target config. */
export async function visit(step: { page: string }, ctx: StepContext): Promise<void> {
  await open(pageUrl(step.page, ctx), ctx);
}

/** reload — the browser's reload button. */
export async function reload(_step: object, ctx: StepContext): Promise<void> {
  await ctx.page.reload({ timeout: ctx.timeoutMs }).catch(noteFailure(ctx, `reloading ${ctx.page.url()}`));
}

/**
 * replay-callback — open the last callback URL (code and state included) again, as an attacker
 * who got hold of it would. What the app does with it is judged; a scenario that never came back
 * from the provider has nothing to replay, which fails the step.
 */
export async function replayCallback(_step: object, ctx: StepContext): Promise<void> {
  const url = ctx.obs.lastCallbackUrl;
  if (!url) throw new Error('no callback to replay: the provider never sent the browser back to the app in this scenario');
  await open(url, ctx);
}

export function pageUrl(name: string, ctx: StepContext): string {
  const url = ctx.pages[name];
  if (!url) throw new Error(`no page named "${name}" in the target config (pages: ${Object.keys(ctx.pages).join(', ') || 'none'})`);
  return url;
}

async function open(url: string, ctx: StepContext) {
  await ctx.page.goto(url, { timeout: ctx.timeoutMs }).catch(noteFailure(ctx, `opening ${url}`));
}
