import { readingAge } from './reading-age';

describe('readingAge', () => {
  it('applies Flesch–Kincaid + 5 to words, sentences and syllables', () => {
    // 6 words, 1 sentence, 6 syllables: 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45 → 3.55, shown as 5 at least.
    const result = readingAge('The cat sat on the mat.');
    expect(result).toMatchObject({ words: 6, sentences: 1, syllables: 6, readingAge: 5 });
    expect(result?.grade).toBeCloseTo(-1.45, 5);
  });

  it('scores plain writing low and officialese high', () => {
    const plain = readingAge('We empty bins on Mondays. Put yours out by 7am. Thank you.');
    const officialese = readingAge(
      'Residents are reminded that refuse receptacles should be positioned at the curtilage of the property prior to the commencement of collection operations.',
    );
    expect(plain?.readingAge).toBeLessThan(9);
    expect(officialese?.readingAge).toBeGreaterThan(18);
  });

  it('leaves URLs, mentions, hashtags, emoji and numbers out of the counts', () => {
    const bare = readingAge('Read the news today.');
    const decorated = readingAge(
      'Read the news today https://example.gov.uk/news @CardiffCouncil #NewsToday 📰 2026.',
    );
    expect(decorated).toEqual(bare);
  });

  it('is null when there are no words', () => {
    expect(readingAge('🎉 https://example.org #Tag')).toBeNull();
    expect(readingAge('')).toBeNull();
  });
});
