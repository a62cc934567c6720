import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../interactions/html.js';
import { STYLE } from '../admin-page/style.js';
import { DEBUGGER_SCRIPT } from './script.js';

/** What the debugger needs from the server; the rest it reads from discovery and the control API. */
export interface DebuggerPageInput {
  /** Where the control API is mounted, "/__authfault" (the page is at `{base}/debugger`). */
  base: string;
  issuer: string;
}

/**
 * "Try a sign-in": a page that runs a whole code flow in the browser against this provider — for
 * any registered client — and shows each step: the authorization request, the callback, the
 * token response with every JWT decoded, and userinfo. Self-contained like the admin page: script
 * and style inline under a per-response nonce, nothing fetched but this provider's own endpoints
 * (on the page's own origin), every value shown as text.
 */
export function debuggerPage(input: DebuggerPageInput): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  const data = JSON.stringify(input).replace(/</g, '\\u003c');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Try a sign-in · authfault mock OpenID Provider</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${STYLE}
pre{background:#f6f6f6;border:1px solid var(--line);padding:.5rem;overflow:auto;font-size:.85rem;white-space:pre-wrap;word-break:break-all}
.ok{color:#0a6b1f}.bad{color:var(--warn)}</style>
</head><body>
<header class="mock-banner" role="banner">
<p><strong>MOCK — NOT FOR PRODUCTION.</strong> authfault's mock OpenID Provider: anyone can sign in as anyone. Faults set on the admin page act on this page's sign-in too.</p>
</header>
<main>
<h1>Try a sign-in</h1>
<p class="hint">Runs an authorization code flow with PKCE, state and nonce in this browser against <code>${escapeHtml(input.issuer)}</code>, and shows every step. Its redirect URI is this page, which every client of this provider accepts. <a href="${escapeHtml(input.base)}">Admin page</a></p>
<noscript><p class="error">This page needs JavaScript.</p></noscript>

<section aria-labelledby="start-heading">
<h2 id="start-heading">Start</h2>
<form id="start" aria-label="Start a sign-in" novalidate>
<div class="field"><label for="client">Client</label><select id="client" name="client"></select><small id="client-note"></small></div>
<div class="field"><label for="scope">Scope</label><input id="scope" name="scope" value="openid profile email offline_access"><small>offline_access asks for a refresh token.</small></div>
<div class="field"><label for="login-hint">Login hint</label><input id="login-hint" name="login_hint"><small>Optional: the user name the login page offers first.</small></div>
<div class="field"><label for="prompt">Prompt</label><select id="prompt" name="prompt"><option value="">(none)</option><option>login</option><option>consent</option><option>none</option></select><small>login: sign in again even with a session.</small></div>
<p><button type="submit">Start sign-in</button> <button type="button" id="start-over">Start over</button></p>
<div id="error" class="error" role="alert" aria-label="Debugger error"></div>
</form>
</section>

<section id="request" aria-labelledby="request-heading" hidden>
<h2 id="request-heading">Authorization request</h2>
<table aria-label="Authorization request parameters"><tbody></tbody></table>
<p class="hint">Sent as: <code id="request-url"></code></p>
</section>

<section id="callback" aria-labelledby="callback-heading" hidden>
<h2 id="callback-heading">Callback</h2>
<table aria-label="Callback parameters"><tbody></tbody></table>
<ul id="callback-checks" aria-label="Callback checks"></ul>
</section>

<section id="tokens" aria-labelledby="tokens-heading" hidden>
<h2 id="tokens-heading">Tokens</h2>
<h3>Token response</h3>
<pre id="token-response" aria-label="Token response"></pre>
<h3>ID token</h3>
<pre id="id-token" aria-label="ID token (decoded)"></pre>
<h3>Access token</h3>
<pre id="access-token" aria-label="Access token (decoded)"></pre>
</section>

<section id="userinfo" aria-labelledby="userinfo-heading" hidden>
<h2 id="userinfo-heading">Userinfo</h2>
<pre id="userinfo-response" aria-label="Userinfo response"></pre>
</section>
</main>
<script type="application/json" id="authfault-data">${data}</script>
<script nonce="${nonce}">${DEBUGGER_SCRIPT}</script>
</body></html>`;
  return { html, csp };
}
