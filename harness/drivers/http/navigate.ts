import { pageUrl } from '../../steps/navigate.js';
import type { StepContext } from '../../steps/context.js';
import { open, type HttpStepContext } from './context.js';

/** goto — open a URL (or a path relative to the app) as a person typing it would. */
export async function goto(step: { url: string }, ctx: HttpStepContext): Promise<void> {
  await open(ctx.url(step.url), ctx);
}

/** visit — open a named page from the target config. */
export async function visit(step: { page: string }, ctx: HttpStepContext): Promise<void> {
  await open(pageUrl(step.page, ctx as Pick<StepContext, 'pages'> as StepContext), ctx);
}

/** reload — the page the person is on, loaded again. */
export async function reload(_step: object, ctx: HttpStepContext): Promise<void> {
  const here = ctx.agent.url();
  if (here === 'about:blank') return;
  await open(here, ctx, `reloading ${here}`);
}

/** replay-callback — the last callback URL (code and state included) opened again. */
export async function replayCallback(_step: object, ctx: HttpStepContext): Promise<void> {
  const url = ctx.obs.lastCallbackUrl;
  if (!url) throw new Error('no callback to replay: the provider never sent the user agent back to the app in this scenario');
  await open(url, ctx);
}
