/** Levenshtein distance, small and allocation-light: inputs are identifiers, never documents. */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Words people write for the words authfault uses (`signin` for `login`, `jwt` for `token`): no
 * edit distance finds them, yet they are what a newcomer types first. A synonym is suggested only
 * when its word is among the allowed values.
 */
const SYNONYMS: Readonly<Record<string, string>> = {
  signin: 'login',
  'sign-in': 'login',
  sign_in: 'login',
  'log-in': 'login',
  logon: 'login',
  authenticate: 'login',
  signout: 'logout',
  'sign-out': 'logout',
  sign_out: 'logout',
  'log-out': 'logout',
  logoff: 'logout',
  navigate: 'goto',
  open: 'goto',
  type: 'fill',
  press: 'click',
  tap: 'click',
  sleep: 'wait',
  pause: 'wait',
  jwt: 'token',
};

/**
 * The closest allowed value, or undefined when nothing is close enough to be a plausible typo
 * (a third of the word's length, at least 2 edits), so suggestions never look random. Common
 * synonyms count as the word they stand for, whole (`signin` → `login`) or as one part of a
 * dotted name (`jwt.expired` → `token.expired`).
 */
export function didYouMean(input: string, allowed: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  const synonym = SYNONYMS[needle];
  if (synonym !== undefined && allowed.includes(synonym)) return synonym;
  const translated = needle
    .split(/([.])/)
    .map((part) => SYNONYMS[part] ?? part)
    .join('');
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of allowed) {
    const lower = candidate.toLowerCase();
    const score = Math.min(distance(needle, lower), distance(translated, lower));
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const limit = Math.max(2, Math.floor(needle.length / 3));
  return bestScore <= limit ? best : undefined;
}
