import { z } from 'zod';
import type { MutableResponse, TokenTools } from '../../types.js';

/**
 * What the JWT faults share (tokens/ and clock/).
 *
 * - They act only on a successful (200) token response, on the token the `token` parameter names.
 * - Only a compact JWS (three segments) is changed: an opaque access token carries no signature or
 *   claims a client could check, so the fault does nothing and is not recorded as applied.
 */
export const jwtTokenParam = z
  .enum(['id_token', 'access_token'])
  .default('id_token')
  .describe('Which token to change: the id_token, or the access token when the provider issues it as a JWT (an opaque access token is left alone).');

export type JwtToken = z.infer<typeof jwtTokenParam>;

/** The compact JWS at `which` in a successful token response, or undefined. */
export function jwtIn(res: MutableResponse, which: string): string | undefined {
  if (res.status !== 200) return undefined;
  const value = res.body[which];
  return typeof value === 'string' && value.split('.').length === 3 ? value : undefined;
}

/**
 * Re-sign the token's claims after `mutate` with the provider's own key (kid and alg kept), so
 * that the claims are the only thing wrong. `mutate` returns the effect, or undefined to leave
 * the token as it was.
 */
export async function resignClaims(
  res: MutableResponse,
  which: JwtToken,
  tools: TokenTools,
  mutate: (payload: Record<string, unknown>) => string | undefined,
): Promise<string | undefined> {
  const jwt = jwtIn(res, which);
  if (!jwt) return undefined;
  let effect: string | undefined;
  const resigned = await tools.resign(jwt, (payload) => {
    effect = mutate(payload);
  });
  if (effect === undefined) return undefined;
  res.body[which] = resigned;
  return `${which} re-signed with ${effect}`;
}

/** A JSON value, short, for effects in the journal. */
export function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
