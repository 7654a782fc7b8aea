import { Prng, seedFromString } from './prng';

describe('Prng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Prng('seed');
    const b = new Prng('seed');
    const c = new Prng('other');
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((n) => n >= 0 && n < 1)).toBe(true);
  });

  it('picks integers in range and follows weights roughly', () => {
    const prng = new Prng(42);
    const counts = { rare: 0, common: 0 };
    for (let i = 0; i < 10_000; i++) {
      const n = prng.int(3);
      expect(n === 0 || n === 1 || n === 2).toBe(true);
      counts[prng.weighted({ rare: 1, common: 9 })]++;
    }
    expect(counts.rare).toBeGreaterThan(800);
    expect(counts.rare).toBeLessThan(1200);
  });

  it('spreads nearby string seeds', () => {
    expect(seedFromString('seed:1')).not.toBe(seedFromString('seed:2'));
  });
});
