import { escapeHtml as escape } from '../../../interactions/html.js';
import type { FaultRequest, RequestAction, RequestEnv } from '../../types.js';

/**
 * An authorization error response (RFC 6749 §4.1.2.1) sent straight from the authorization
 * request, before the provider shows any page: shared by authorize.error and rate-limit's
 * redirect mode.
 *
 * - Only to a redirect_uri registered for the client (`env.redirectAllowed`); anything else gets
 *   `undefined`, because redirecting to an unchecked URI is an open redirect (RFC 9700 §4.11.2).
 * - Only for a GET request with redirect_uri in the query: a POSTed request or the resume of an
 *   interaction (/auth/<uid>) carries none, so there is nothing safe to redirect to.
 * - Carries error, error_description, state (when the request had one) and iss (RFC 9207, which
 *   the provider advertises), encoded in the response mode the request asked for: query by
 *   default for `code`, fragment, or an auto-submitting form for form_post.
 */
export function errorRedirect(req: FaultRequest, env: RequestEnv, error: string, description: string): RequestAction | undefined {
  const redirectUri = req.query.redirect_uri;
  if (req.method !== 'GET' || !redirectUri || !env.redirectAllowed(req.clientId, redirectUri)) return undefined;
  const params: Record<string, string> = { error, error_description: description };
  if (req.query.state !== undefined) params.state = req.query.state;
  params.iss = env.issuer;
  const mode = req.query.response_mode ?? (/(^| )(token|id_token)( |$)/.test(req.query.response_type ?? '') ? 'fragment' : 'query');
  const url = new URL(redirectUri);
  switch (mode) {
    case 'query':
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return { type: 'redirect', location: url.href };
    case 'fragment':
      url.hash = new URLSearchParams(params).toString();
      return { type: 'redirect', location: url.href };
    case 'form_post':
      return { type: 'respond', status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, body: autoPostForm(redirectUri, params) };
    default:
      // JARM and other modes this provider does not offer: let it refuse the request itself.
      return undefined;
  }
}

function autoPostForm(action: string, params: Record<string, string>): string {
  const inputs = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Submit this form</title></head><body onload="document.forms[0].submit()"><form method="post" action="${escape(action)}">${inputs}<noscript><button>Continue</button></noscript></form></body></html>`;
}
