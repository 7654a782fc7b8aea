import { findPlainWordAlternatives } from './plain-english';
import { PLAIN_WORDS } from './plain-words';

describe('PLAIN_WORDS', () => {
  it('has about 80 or more entries, lower case, with no phrase listed twice', () => {
    expect(PLAIN_WORDS.length).toBeGreaterThanOrEqual(80);
    const phrases = PLAIN_WORDS.map((e) => e.phrase);
    expect(new Set(phrases).size).toBe(phrases.length);
    for (const phrase of phrases) expect(phrase).toBe(phrase.toLowerCase().trim());
  });
});

describe('findPlainWordAlternatives', () => {
  it('prefers the longest phrase at a position', () => {
    const [match] = findPlainWordAlternatives('In the event that it snows, stay home.');
    expect(match).toEqual({ range: { start: 0, end: 17 }, found: 'In the event that', instead: 'If' });
  });

  it('keeps shouted words shouted', () => {
    expect(findPlainWordAlternatives('PLEASE ENSURE GATES ARE SHUT')[0].instead).toBe('MAKE SURE');
  });

  it('ignores words inside other words, hyphenated compounds and mentions', () => {
    expect(findPlainWordAlternatives('informal pre-commence @ensure requirements')).toEqual([]);
  });

  it('matches at sentence punctuation and in quotes', () => {
    expect(findPlainWordAlternatives('Help us ensure, "obtain" and purchase.').map((m) => m.found)).toEqual([
      'ensure',
      'obtain',
      'purchase',
    ]);
  });
});
