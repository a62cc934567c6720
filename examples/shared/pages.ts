/**
 * The HTML of both apps. The wording is a contract: scenarios and the harness look for
 * "Signed in as", "Not signed in", "Sign-in failed", "Session expired", "Profile unavailable",
 * "Your orders", "Orders unavailable" and "N of N calls succeeded", and for the links "Sign in",
 * "Profile" and "Sign out".
 */
import type { Claims } from './adapter.js';

export function homeSignedIn(claims: Claims): string {
  const email = typeof claims.email === 'string' ? `<p>${escape(claims.email)}</p>` : '';
  return page('Home', `<h1>Signed in as ${escape(displayName(claims))}</h1>
${email}
<p><a href="/profile">Profile</a> <a href="/logout">Sign out</a></p>`);
}

export function profile(claims: Claims, userinfo: Claims): string {
  const rows = Object.entries(userinfo)
    .map(([name, value]) => `<dt>${escape(name)}</dt><dd>${escape(JSON.stringify(value))}</dd>`)
    .join('\n');
  return page('Profile', `<h1>Profile</h1>
<p>Signed in as ${escape(displayName(claims))}</p>
<dl id="claims">
${rows}
</dl>
<p><a href="/">Home</a> <a href="/logout">Sign out</a></p>`);
}

/** The orders the protected API returned (GET /api/orders). */
export function orders(claims: Claims, body: unknown): string {
  const list = Array.isArray((body as { orders?: unknown })?.orders) ? ((body as { orders: unknown[] }).orders as Record<string, unknown>[]) : [];
  const items = list.map((o) => `<li>${escape(String(o.item ?? o.id ?? JSON.stringify(o)))}${o.quantity !== undefined ? ` × ${escape(String(o.quantity))}` : ''}</li>`).join('\n');
  return page('Your orders', `<h1>Your orders</h1>
<p>Signed in as ${escape(displayName(claims))}</p>
<p id="count">${list.length} order(s)</p>
<ul id="orders">
${items}
</ul>
<p><a href="/">Home</a> <a href="/logout">Sign out</a></p>`);
}

/** Still signed in, but the protected API would not give the orders. */
export function ordersUnavailable(claims: Claims, reason: string): string {
  return page('Orders unavailable', `<h1>Orders unavailable</h1>
<p>Signed in as ${escape(displayName(claims))}</p>
<p id="reason">${escape(reason)}</p>
<p><a href="/">Home</a> <a href="/logout">Sign out</a></p>`);
}

/** Several API calls made at once: how many succeeded, and why the others did not. */
export function burst(claims: Claims, calls: number, failures: readonly string[]): string {
  const reasons = failures.map((f) => `<li>${escape(f)}</li>`).join('\n');
  return page('Burst', `<h1>Burst</h1>
<p>Signed in as ${escape(displayName(claims))}</p>
<p id="summary">${calls - failures.length} of ${calls} calls succeeded</p>
<ul id="failures">
${reasons}
</ul>
<p><a href="/">Home</a> <a href="/logout">Sign out</a></p>`);
}

/** A refused sign-in: the callback (or the start of the login) did not produce a session. */
export function signInFailed(reason: string): string {
  return page('Sign-in failed', `<h1>Sign-in failed</h1>
<p id="reason">${escape(reason)}</p>
<p><a href="/">Home</a> <a href="/login">Try again</a></p>`);
}

/** The session was dropped because its tokens can no longer be used or trusted. */
export function sessionExpired(reason: string): string {
  return page('Session expired', `<h1>Session expired</h1>
<p id="reason">${escape(reason)}</p>
<p><a href="/login">Sign in</a></p>`);
}

/** Still signed in, but the provider would not give the profile right now. */
export function profileUnavailable(claims: Claims, reason: string): string {
  return page('Profile unavailable', `<h1>Profile unavailable</h1>
<p>Signed in as ${escape(displayName(claims))}</p>
<p id="reason">${escape(reason)}</p>
<p><a href="/">Home</a> <a href="/logout">Sign out</a></p>`);
}

export function notSignedIn(): string {
  return page('Not signed in', `<h1>Not signed in</h1>
<p><a href="/login">Sign in</a></p>`);
}

function displayName(claims: Claims): string {
  for (const key of ['name', 'preferred_username', 'email', 'sub']) {
    const value = claims[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return 'unknown user';
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body>
${body}
</body>
</html>
`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
