import type { z } from 'zod';

/** A key, or keys that together make one way (a click target's role and name). */
type Way<T> = (keyof T & string) | readonly (keyof T & string)[];

/**
 * A mapping whose keys are alternatives: `login` takes url or click, `wait-for` one of text, url
 * and request, `signed-in` any of text, url and cookie. One refinement for all of them, so every
 * such mapping says it the same way: MISSING_ONE_OF when none is written, CONFLICTING_KEYS when
 * more than one is and only one may be (`conflicting` given), each with the keys allowed.
 *
 * - `isSet` says whether a value counts as written (default: not undefined).
 * - `allowed` defaults to every key of `ways`.
 */
export function oneOf<T extends object>(
  ways: readonly Way<T>[],
  words: { missing: string; conflicting?: string },
  options: { allowed?: readonly string[]; isSet?: (value: unknown) => boolean } = {},
): (value: T, ctx: z.RefinementCtx) => void {
  const isSet = options.isSet ?? ((v: unknown) => v !== undefined);
  const allowed = [...(options.allowed ?? ways.flatMap((w) => (typeof w === 'string' ? [w] : w)))];
  return (value, ctx) => {
    const record = value as Record<string, unknown>;
    const chosen = ways.filter((w) => (typeof w === 'string' ? [w] : w).some((key) => isSet(record[key]))).length;
    if (chosen === 0) {
      ctx.addIssue({ code: 'custom', message: words.missing, params: { code: 'MISSING_ONE_OF', allowed } });
    } else if (chosen > 1 && words.conflicting !== undefined) {
      ctx.addIssue({ code: 'custom', message: words.conflicting, params: { code: 'CONFLICTING_KEYS', allowed } });
    }
  };
}

/** `grant_type` narrows token requests only: refused beside any other endpoint, where it is written. */
export function grantTypeOnlyAtToken(value: { endpoint: string; grant_type?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.grant_type !== undefined && value.endpoint !== 'token') {
    ctx.addIssue({ code: 'custom', path: ['grant_type'], message: `grant_type only applies to the token endpoint, not ${value.endpoint}`, params: { code: 'CONFLICTING_KEYS' } });
  }
}
