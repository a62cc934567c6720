import type { KoaContextWithOIDC } from 'oidc-provider';

const FRONT_ENDPOINTS = ['authorization_endpoint', 'end_session_endpoint'] as const;

/**
 * Discovery sends the browser-facing endpoints to the front channel's origin, so a person's
 * browser never meets the back channel's (possibly faulty) certificate.
 */
export function frontChannelDiscovery(backOrigin: string, frontOrigin: string) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    if (ctx.oidc?.route !== 'discovery' || typeof ctx.body !== 'object' || ctx.body === null) return;
    const body = { ...(ctx.body as Record<string, unknown>) };
    for (const name of FRONT_ENDPOINTS) {
      const value = body[name];
      if (typeof value === 'string' && value.startsWith(backOrigin)) body[name] = frontOrigin + value.slice(backOrigin.length);
    }
    ctx.body = body;
  };
}
