import { createHash } from 'node:crypto';

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine, which is what
 * makes the crowd and probabilistic faults reproducible. Not for secrets.
 */
export class Prng {
  private state: number;

  constructor(seed: string | number) {
    this.state = typeof seed === 'number' ? seed >>> 0 : seedFromString(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('Prng.pick needs at least one item');
    return items[this.int(items.length)];
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }
}

/** A 32-bit seed from any string (SHA-256, so nearby strings such as `seed:1` and `seed:2` are unrelated). */
export function seedFromString(value: string): number {
  return createHash('sha256').update(value).digest().readUInt32BE(0);
}
