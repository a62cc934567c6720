import { z } from 'zod';
import type { ApiCredential } from '../../types.js';

/**
 * What the api kinds share.
 *
 * - `tokens` makes a fault stick to credentials, as the real condition does: the first N distinct
 *   access tokens the API sees are refused, each time they come back, and every later one (the
 *   token a refresh brings) is served. `all` refuses every token.
 * - Bearer kinds leave API keys alone, and key kinds leave Bearer tokens alone: a fault that
 *   does not fit the credential is not applied.
 */
export const tokensParam = z
  .union([z.int().min(1), z.literal('all')])
  .default(1)
  .describe('How many distinct access tokens are refused, each every time it is presented: the first N the API sees (a refreshed token is served), or all.');

export function isBearer(credential: ApiCredential): boolean {
  return credential.kind === 'jwt' || credential.kind === 'opaque';
}

/** Whether this credential is one of the first `limit` distinct ones (remembered in the fault's state). */
export function picked(state: Record<string, unknown>, limit: number | 'all', credential: ApiCredential): boolean {
  if (limit === 'all') return true;
  const seen = (state.tokens ??= new Set<string>()) as Set<string>;
  if (seen.has(credential.fingerprint)) return true;
  if (seen.size >= limit) return false;
  seen.add(credential.fingerprint);
  return true;
}

/** "(authfault api.expired-token fault)": said in every description, so a log reader knows it was injected. */
export const marker = (kind: string) => `(authfault ${kind} fault)`;
