import { durationInWords, publishedInWords, shareInWords } from './report-words';

describe('durationInWords', () => {
  it.each([
    [null, 'None yet'],
    [0, '0 seconds'],
    [1, '1 second'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [3599, '59 minutes'],
    [3600, '1 hour'],
    [3660, '1 hour 1 minute'],
    [7500, '2 hours 5 minutes'],
    [86400, '1 day'],
    [320400, '3 days 17 hours'],
  ])('%p seconds is %p', (seconds, words) => {
    expect(durationInWords(seconds)).toBe(words);
  });
});

describe('shareInWords', () => {
  it('gives the count and the share', () => {
    expect(shareInWords(3, 4)).toBe('3 of 4 (75%)');
    expect(shareInWords(0, 0)).toBe('0');
  });
});

describe('publishedInWords', () => {
  it('names every figure, zeros included', () => {
    expect(publishedInWords({ published: 2, failed: 1, missed: 0 })).toBe('2 published, 1 failed, 0 missed');
  });
});
