import { randomInt } from 'node:crypto';

/** A source of uniformly distributed numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * A small seedable PRNG (mulberry32). The same seed yields the same sequence, which keeps fault
 * injection reproducible in tests; without a seed a random one is drawn.
 */
export function createRandom(seed: number = randomInt(2 ** 31)): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
