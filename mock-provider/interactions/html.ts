/** Escape text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page frame every provider page shares. The banner says loudly that this is a mock, so
 * nobody mistakes it for a real sign-in page.
 */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · authfault mock provider</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.mock{background:#fff3cd;border:1px solid #e0b84c;padding:.5rem .75rem;border-radius:6px;font-size:.9rem}
button{font:inherit;padding:.4rem .9rem;margin:.2rem .2rem .2rem 0;cursor:pointer}
input{font:inherit;padding:.3rem}.error{color:#a40000}.hint{color:#555;font-size:.9rem}code{background:#f3f3f3;padding:0 .2rem}
</style></head><body>
<p class="mock" role="note"><strong>authfault mock OpenID Provider</strong> — for tests and local development only. Never use it in production.</p>
${body}
</body></html>`;
}
