import type { UserConfig } from '../config/schema.js';
import { escapeHtml, page } from './html.js';
import { MAX_USER_NAME } from './new-user.js';

/**
 * The login page: one button per user and a username form. Accessible names are stable
 * ("Sign in as alice", "Username", "Sign in") so scenarios and users' own tests can drive it.
 */
export function loginPage(action: string, users: readonly UserConfig[], opts: { hint?: string; clientId: string; error?: string }): string {
  const buttons = users
    .map(
      (u) =>
        `<li><button type="submit" name="username" value="${escapeHtml(u.id)}"${u.id === opts.hint ? ' autofocus' : ''}>Sign in as ${escapeHtml(u.id)}</button> ${escapeHtml(u.name ?? '')}</li>`,
    )
    .join('\n');
  return page(
    'Sign in',
    `<h1>Sign in</h1><p>to <strong>${escapeHtml(opts.clientId)}</strong></p>
${opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}"><ul>${buttons}</ul></form>
<form method="post" action="${escapeHtml(action)}">
<label for="username">Username</label> <input id="username" name="username" autocomplete="username" maxlength="${MAX_USER_NAME}" value="${escapeHtml(opts.hint ?? '')}" required aria-describedby="username-hint">
<button type="submit">Sign in</button>
<p id="username-hint" class="hint">Any name signs in: one the provider does not know becomes a user with default claims (name, email).</p>
</form>`,
  );
}

export function consentPage(action: string, opts: { clientId: string; scopes: readonly string[] }): string {
  return page(
    'Consent',
    `<h1>Allow access?</h1><p><strong>${escapeHtml(opts.clientId)}</strong> asks for: ${opts.scopes.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ')}</p>
<form method="post" action="${escapeHtml(action)}">
<button type="submit" name="decision" value="allow" autofocus>Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}
