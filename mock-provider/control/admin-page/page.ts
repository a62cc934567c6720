import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { userSchema } from '../../config/schema.js';
import { whenSchema } from '../../faults/envelope.js';
import { escapeHtml } from '../../interactions/html.js';
import { MAX_LISTED } from '../../util/issues.js';
import { SCRIPT } from './script.js';
import { STYLE } from './style.js';

/** What the page needs from the server before its script fetches the rest from the control API. */
export interface AdminPageInput {
  /** Where the control API is mounted, "/__authfault". */
  base: string;
  issuer: string;
  seed: string;
}

let schemas: { when: unknown; user: unknown } | undefined;

/**
 * The admin page: one self-contained document (no build step, no CDN), its script and style
 * inline under a per-response CSP nonce. Everything dynamic is built by the script with
 * textContent and attributes, never HTML strings; the server-side data rides in a JSON script
 * element whose `<` are escaped, so no value can end it early.
 */
export function adminPage(input: AdminPageInput): { html: string; csp: string } {
  schemas ??= { when: z.toJSONSchema(whenSchema, { io: 'input' }), user: z.toJSONSchema(userSchema, { io: 'input' }) };
  const nonce = randomBytes(16).toString('base64');
  // maxListed: the page lists allowed values by the same rule as every other place (util/issues.ts).
  const data = JSON.stringify({ ...input, schemas, maxListed: MAX_LISTED }).replace(/</g, '\\u003c');
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
<title>authfault admin · mock OpenID Provider</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${STYLE}</style>
</head><body>
<header class="mock-banner" role="banner">
<p><strong>MOCK — NOT FOR PRODUCTION.</strong> This is authfault's mock OpenID Provider: anyone can sign in as anyone, and the faults set here break sign-in on purpose.</p>
</header>
<main>
<div class="title"><h1>authfault admin</h1><p><a href="${escapeHtml(input.base)}/debugger">Try a sign-in</a> <button type="button" id="reset">Reset provider</button></p></div>
<dl class="facts"><dt>Issuer</dt><dd><code>${escapeHtml(input.issuer)}</code></dd><dt>Seed</dt><dd><code>${escapeHtml(input.seed)}</code></dd>
<dt>Live updates</dt><dd><span id="live" role="status" aria-label="Live updates">connecting…</span></dd></dl>
<p id="status" role="status" aria-label="Last action" class="note"></p>
<noscript><p class="error">This page needs JavaScript. The JSON control API under <code>${escapeHtml(input.base)}</code> works without it.</p></noscript>

<section aria-labelledby="faults-heading">
<h2 id="faults-heading">Faults</h2>
<form id="add-fault" aria-label="Add a fault" novalidate>
<p><label for="kind">Kind</label> <select id="kind" name="kind" aria-describedby="kind-summary"></select></p>
<p id="kind-summary" class="hint"></p>
<fieldset id="params"><legend>Parameters</legend></fieldset>
<fieldset id="when"><legend>When</legend></fieldset>
<p><button type="submit">Add fault</button></p>
<div id="fault-error" class="error" role="alert" aria-label="Fault error"></div>
</form>
<table id="faults" aria-label="Active faults"><thead><tr><th scope="col">Id</th><th scope="col">Kind</th><th scope="col">Parameters</th><th scope="col">When</th><th scope="col">Matched</th><th scope="col">Applied</th><th scope="col"><span class="sr">Actions</span></th></tr></thead><tbody></tbody></table>
<p><button type="button" id="clear-faults">Clear all faults</button></p>
</section>

<section aria-labelledby="journal-heading">
<h2 id="journal-heading">Journal</h2>
<p class="hint">Every request the provider saw, newest first, as it happens. Rows a fault changed are marked.</p>
<p><button type="button" id="clear-journal">Clear journal</button></p>
<div class="scroll"><table id="journal" aria-label="Journal"><thead><tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">Method</th><th scope="col">Endpoint</th><th scope="col">Path</th><th scope="col">Client</th><th scope="col">Status</th><th scope="col">ms</th><th scope="col">Faults</th></tr></thead><tbody></tbody></table></div>
</section>

<section aria-labelledby="users-heading">
<h2 id="users-heading">Users</h2>
<p class="hint">Changes take effect at the next login, token or userinfo call.</p>
<table id="users" aria-label="Users"><thead><tr><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Roles</th><th scope="col">Claims</th><th scope="col"><span class="sr">Actions</span></th></tr></thead><tbody></tbody></table>
<form id="user-form" aria-label="User" novalidate>
<fieldset id="user-fields"><legend id="user-legend">New user</legend></fieldset>
<p><button type="submit">Save user</button> <button type="button" id="new-user">New user</button></p>
<div id="user-error" class="error" role="alert" aria-label="User error"></div>
</form>
</section>

<section aria-labelledby="issuers-heading">
<h2 id="issuers-heading">Issuers</h2>
<p class="hint">Any other path of this origin is an issuer of its own (a tenant: own keys, clients, users and faults), created on first use. Each has an admin page like this one.</p>
<table id="issuers" aria-label="Issuers"><thead><tr><th scope="col">Name</th><th scope="col">Issuer</th><th scope="col">Admin page</th></tr></thead><tbody></tbody></table>
<p><button type="button" id="refresh-issuers">Refresh issuers</button></p>
</section>

<section aria-labelledby="clients-heading">
<h2 id="clients-heading">Clients</h2>
<p class="hint">Read-only here; edit <code>provider.clients</code> in the config file and <code>authfault idp</code> reloads it.</p>
<table id="clients" aria-label="Clients"><thead><tr><th scope="col">client_id</th><th scope="col">Secret</th><th scope="col">Redirect URIs</th><th scope="col">Grants</th><th scope="col">Authentication</th></tr></thead><tbody></tbody></table>
</section>
</main>
<script type="application/json" id="authfault-data">${data}</script>
<script nonce="${nonce}">${SCRIPT}</script>
</body></html>`;
  return { html, csp };
}
