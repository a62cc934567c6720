/**
 * Levenshtein distance. Its own copy rather than mock-provider's because reports/ must not import
 * the provider; inputs are short identifiers, so two rows of memory are plenty.
 */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The closest allowed value, or undefined when nothing is close enough to be a plausible typo
 * (a third of the input's length, at least 2 edits), so a suggestion never looks random.
 */
export function didYouMean(input: string, allowed: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = distance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(needle.length / 3)) ? best : undefined;
}
