import { X_CONTENT_RULES } from './x-content-rules';

describe('X content rules', () => {
  it('counts characters as twitter-text weighs them', () => {
    expect(X_CONTENT_RULES.countCharacters('Bins on Thursday')).toBe(16);
    // A URL always counts 23, whatever its length.
    expect(
      X_CONTENT_RULES.countCharacters('https://www.cardiff.gov.uk/ENG/resident/Rubbish-and-recycling'),
    ).toBe(23);
    // CJK characters and emoji weigh 2.
    expect(X_CONTENT_RULES.countCharacters('日本')).toBe(4);
    expect(X_CONTENT_RULES.countCharacters('🚒')).toBe(2);
    // Welsh accented letters weigh 1.
    expect(X_CONTENT_RULES.countCharacters('Croeso i Gŵyl')).toBe(13);
  });

  it('allows 280 weighted characters, four images with alt text, and threads', () => {
    expect(X_CONTENT_RULES).toMatchObject({
      maxCharacters: 280,
      maxMediaPerPost: 4,
      altTextSupported: true,
      maxAltTextCharacters: 1000,
      requiresMedia: false,
      threads: true,
    });
    expect(X_CONTENT_RULES.countCharacters('a'.repeat(280))).toBe(280);
  });
});
