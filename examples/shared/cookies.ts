/**
 * The two cookies: `sid` (the session) and `login` (the pending login). Both HttpOnly and
 * SameSite=Lax: Lax still sends `login` on the top-level redirect back from the provider, which is
 * all the callback needs. Secure whenever the app itself is served over https.
 */
import type { CookieOptions, Request } from 'express';

export const SESSION_COOKIE = 'sid';
export const LOGIN_COOKIE = 'login';

export function cookieOptions(appUrl: string): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: appUrl.startsWith('https:') };
}

/** Our cookie values are base64url ids, so they are compared raw: nothing to decode, nothing to throw. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
