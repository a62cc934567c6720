import { randomBytes } from 'node:crypto';

/** A fresh run seed: short enough to read out of a log and type back in. */
export function newSeed(): string {
  return randomBytes(4).toString('hex');
}

/**
 * A seeded generator (mulberry32 over an FNV-1a hash of seed and stream name): the same seed and
 * stream give the same sequence, so a probabilistic run can be replayed exactly.
 */
export function seededRandom(seed: string, stream: string): () => number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${stream}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let a = h;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
