import type { LoginStop } from '../../scenario/types.js';
import type { HttpPage } from './agent.js';
import { needsBrowser, noteOutcome, type HttpStepContext } from './context.js';
import { forms } from './html.js';

/** Shown where the provider's page would be when a login stops before the provider (the browser driver shows the same). */
const STOPPED = '<!doctype html><title>authfault</title><p>authfault stopped this login before the provider.</p>';
/** Login, consent, and a page more than a flow has: past this the provider is going round in circles. */
const MAX_PROVIDER_PAGES = 6;

/**
 * login — as the browser driver does it, over HTTP: start the app's login, sign in at the
 * provider as `user` (its "Username" field and "Sign in" button), allow consent ("Allow") when
 * asked, and land back in the app, every redirect followed by hand so the callback is seen. An
 * app that never sends the user agent to the provider, or a provider that never sends it back,
 * is noted for the judge, not thrown.
 *
 * - stop: before-provider — the first request to the provider is answered by the harness with a
 *   stub page (kept as obs.authorizationUrl): the provider never sees it.
 * - stop: at-provider — ends on the provider's first page, nobody signed in.
 */
export async function login(step: { user?: string; stop?: LoginStop }, ctx: HttpStepContext): Promise<void> {
  const { agent, idpOrigin } = ctx;
  if (ctx.login.click) return needsBrowser('a login started by a click (the target config’s login.click)')();
  const user = step.user ?? ctx.defaultUser;
  const atProvider = () => agent.url().startsWith(`${idpOrigin}/`);
  const intercept =
    step.stop === 'before-provider'
      ? (url: URL): HttpPage | undefined => {
          if (url.origin !== idpOrigin) return undefined;
          ctx.obs.authorizationUrl = url.href;
          return { url: url.href, status: 200, body: STOPPED, contentType: 'text/html' };
        }
      : undefined;
  const start = await agent.navigate(ctx.login.url ? ctx.url(ctx.login.url) : ctx.appUrl, { timeoutMs: ctx.timeoutMs, ...(intercept ? { intercept } : {}) });
  noteOutcome(ctx, 'opening the login page', start);
  // A provider session still alive sends the user agent straight back: it did reach the provider.
  const reached = atProvider() || (start.kind === 'page' && start.hops.some((u) => u.startsWith(`${idpOrigin}/`)));
  if (!reached) {
    ctx.obs.notes.push(`the app never sent the user agent to the provider (stayed at ${agent.url()})`);
    return;
  }
  if (step.stop === 'before-provider' || step.stop === 'at-provider') return;
  for (let n = 0; n < MAX_PROVIDER_PAGES && atProvider(); n++) {
    const pageForms = forms(agent.page.body);
    const signIn = pageForms.find((f) => f.labels.Username !== undefined);
    const consent = pageForms.find((f) => f.buttons.some((b) => b.text === 'Allow'));
    const outcome = signIn
      ? await agent.submit(signIn, { [signIn.labels.Username!]: user }, { timeoutMs: ctx.timeoutMs, button: 'Sign in' })
      : consent
        ? await agent.submit(consent, {}, { timeoutMs: ctx.timeoutMs, button: 'Allow' })
        : undefined;
    if (!outcome) break;
    noteOutcome(ctx, signIn ? 'signing in at the provider' : 'allowing consent', outcome);
    if (outcome.kind !== 'page') return;
  }
  if (atProvider()) ctx.obs.notes.push(`the provider did not send the user agent back to the app (stayed at ${agent.url()})`);
}
