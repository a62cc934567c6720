import type { ErrorCode } from '../../errors/codes.js';
import { AuthfaultError } from './errors.js';
import type { Issue, Path } from './issues.js';

/**
 * What a JSON value given to the provider may be at most (a fault, a user, a client, a token
 * request), checked before anything is stored:
 *
 * - nested 32 levels deep (a fault is 4; a value 6,000 deep, once stored, overflowed the stack of
 *   every JSON.stringify after it — the control API's answers and the admin page's event stream);
 * - strings (and keys) of 16,384 characters;
 * - objects and lists of 1,000 members;
 * - no key "__proto__", which a merge would take for the object's prototype.
 */
export const JSON_LIMITS = Object.freeze({ depth: 32, string: 16_384, members: 1_000 });

/** The first limit `value` passes, as an issue at its path; undefined when it keeps to them all. */
export function jsonLimitIssue(value: unknown, limits = JSON_LIMITS): Issue | undefined {
  // A stack of its own, not recursion: the check must not overflow on the value it refuses.
  const pending: { value: unknown; path: Path; depth: number }[] = [{ value, path: [], depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value === 'string') {
      if (next.value.length > limits.string) return issue('STRING_TOO_LONG', next.path, `a string of ${next.value.length} characters; at most ${limits.string}`);
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= limits.depth) return issue('TOO_DEEP', next.path, `nested deeper than ${limits.depth} levels`);
    const members: [string | number, unknown][] = Array.isArray(next.value) ? next.value.map((v, i) => [i, v]) : Object.entries(next.value);
    if (members.length > limits.members) return issue('TOO_MANY_MEMBERS', next.path, `${members.length} members; at most ${limits.members}`);
    for (const [key, member] of members) {
      const path = [...next.path, key];
      if (key === '__proto__') return issue('PROTO_KEY', path, 'the key "__proto__" is not allowed');
      if (typeof key === 'string' && key.length > limits.string) return issue('STRING_TOO_LONG', next.path, `a key of ${key.length} characters; at most ${limits.string}`);
      pending.push({ value: member, path, depth: next.depth + 1 });
    }
  }
  return undefined;
}

/** `value` when it keeps to JSON_LIMITS; else throws `code` saying which limit `what` passed, and where. */
export function withinJsonLimits<T>(value: T, code: ErrorCode, what: string): T {
  const found = jsonLimitIssue(value);
  if (!found) return value;
  const where = found.path.length > 0 ? ` at ${shortPath(found.path)}` : '';
  throw new AuthfaultError(code, `${what} is past a limit${where}: ${found.message}`, [found]);
}

function issue(code: string, path: Path, message: string): Issue {
  return { code, path, message };
}

/** A path for a message: a value 32 levels deep has a long one. */
function shortPath(path: Path): string {
  const text = path.join('.');
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
