import type { RequestAction } from '../../types.js';

/** An OAuth error answer (RFC 6749 §5.2): JSON error shape, never cached. */
export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): RequestAction {
  return {
    type: 'respond',
    status,
    headers: { ...headers, 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    body: { error, error_description: description },
  };
}
